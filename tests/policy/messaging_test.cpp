#include "policy/messaging.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

MessagingCase open_case() {
  MessagingCase m;
  m.sender_can_take_part = true;
  m.recipient_active = true;
  return m;
}

TEST(MessagingPolicy, MembersMayMessageMembersByDefault) {
  EXPECT_EQ(may_message(open_case()), MessagingDecision::allowed);
}

TEST(MessagingPolicy, TheRecipientsSettingHoldsForMembersButNotModerators) {
  for (const MessageAudience audience : {MessageAudience::moderators, MessageAudience::nobody}) {
    MessagingCase m = open_case();
    m.recipient_allows = audience;
    EXPECT_EQ(may_message(m), MessagingDecision::unavailable);
    m.sender_moderates = true;
    EXPECT_EQ(may_message(m), MessagingDecision::allowed);
  }
}

TEST(MessagingPolicy, BlockedLeftAndSwitchedOffLookTheSame) {
  MessagingCase blocked = open_case();
  blocked.blocked = true;
  MessagingCase left = open_case();
  left.recipient_active = false;
  MessagingCase off = open_case();
  off.recipient_allows = MessageAudience::nobody;
  EXPECT_EQ(may_message(blocked), MessagingDecision::unavailable);
  EXPECT_EQ(may_message(left), MessagingDecision::unavailable);
  EXPECT_EQ(may_message(off), MessagingDecision::unavailable);
  blocked.sender_moderates = true;  // a block holds for moderators too
  EXPECT_EQ(may_message(blocked), MessagingDecision::unavailable);
}

TEST(MessagingPolicy, TheSendersOwnStandingAndSelfComeFirst) {
  MessagingCase banned = open_case();
  banned.sender_can_take_part = false;
  banned.blocked = true;
  EXPECT_EQ(may_message(banned), MessagingDecision::cannot_take_part);
  MessagingCase self = open_case();
  self.same_account = true;
  EXPECT_EQ(may_message(self), MessagingDecision::own_persona);
}

TEST(MessagingPolicy, ASenderWaitsForAcceptanceButAModeratorDoesNot) {
  MessagingCase waiting = open_case();
  waiting.sender_awaits_acceptance = true;
  EXPECT_EQ(may_message(waiting), MessagingDecision::awaiting_acceptance);
  waiting.sender_moderates = true;
  EXPECT_EQ(may_message(waiting), MessagingDecision::allowed);
  // A block or a switched-off setting still answers as it always did: nothing about the request.
  MessagingCase blocked = open_case();
  blocked.sender_awaits_acceptance = true;
  blocked.blocked = true;
  EXPECT_EQ(may_message(blocked), MessagingDecision::unavailable);
  MessagingCase off = open_case();
  off.sender_awaits_acceptance = true;
  off.recipient_allows = MessageAudience::nobody;
  EXPECT_EQ(may_message(off), MessagingDecision::unavailable);
}

TEST(MessagingPolicy, OnlyAMembersFirstMessageIsARequest) {
  EXPECT_TRUE(first_message_is_request(false));
  EXPECT_FALSE(first_message_is_request(true));
}

TEST(MessagingPolicy, ReadingIsForActiveParticipantsAndModeratorsOfReportedOrHeldMessages) {
  EXPECT_TRUE(can_read_conversation(true, true, false));
  EXPECT_FALSE(can_read_conversation(false, true, false));
  EXPECT_FALSE(can_read_conversation(true, false, false));
  EXPECT_FALSE(can_read_conversation(true, true, true));
  EXPECT_FALSE(moderator_may_see_message(true, false, false));
  EXPECT_TRUE(moderator_may_see_message(true, true, false));
  EXPECT_TRUE(moderator_may_see_message(true, false, true));
  EXPECT_FALSE(moderator_may_see_message(false, true, true));
}

TEST(MessagingPolicy, AudienceNamesRoundTrip) {
  for (const MessageAudience a : all_message_audiences) {
    EXPECT_EQ(parse_message_audience(message_audience_name(a)), a);
    EXPECT_FALSE(message_audience_label(a).empty());
  }
  EXPECT_FALSE(parse_message_audience("everyone").has_value());
}

}  // namespace
}  // namespace hearth
