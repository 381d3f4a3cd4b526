#include "actions/messages.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "actions/change_feed.hpp"
#include "actions/conversations_fixture.hpp"
#include "actions/live_events.hpp"
#include "actions/sessions.hpp"

namespace hearth {
namespace {

// Message requests through the actions (docs/messages.md): who waits, who answers, and whose
// live count a message wakes.
class MessageRequestsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner = account("owner");
    ann = account("ann");
    ben = account("ben");
    mod = account("mod");
    g = group(owner, "Circle", "public");
    ann_p = member(ann, g, "Ann Alder");
    ben_p = member(ben, g, "Ben Birch");
    mod_p = member(mod, g, "Mo Maple", MembershipStatus::active, Role::moderator);
  }

  Result<SentMessage> write(AccountId from, PersonaId to, const std::string& body) {
    return do_message_persona(env(), from, g, to, body, key());
  }

  messages::RequestState side(messages::ConversationId id, AccountId account) {
    return store().read([&](Connection& c) { return messages::participant(c, id, account)->request; });
  }

  AccountId owner = 0, ann = 0, ben = 0, mod = 0;
  GroupId g = 0;
  PersonaId ann_p = 0, ben_p = 0, mod_p = 0;
};

TEST_F(MessageRequestsTest, TheSenderWaitsUntilTheRecipientAccepts) {
  auto first = write(ann, ben_p, "Hello Ben, may I write to you?");
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(first->request);
  const auto id = first->conversation_id;
  auto second = write(ann, ben_p, "Hello?");
  expect_error(second, ErrorCode::conflict);
  EXPECT_EQ(second.error().message, message_waiting_text);
  expect_error(do_accept_message_request(env(), ann, id), ErrorCode::conflict);  // not hers to accept
  EXPECT_EQ(read_message_counts(env(), ben).requests, 1);
  EXPECT_EQ(read_message_counts(env(), ben).unread, 0);
  ASSERT_TRUE(do_accept_message_request(env(), ben, id).ok());
  EXPECT_EQ(side(id, ann), messages::RequestState::none);
  EXPECT_EQ(read_message_counts(env(), ben).requests, 0);
  EXPECT_EQ(read_message_counts(env(), ben).unread, 1);
  auto third = write(ann, ben_p, "Thank you!");
  ASSERT_TRUE(third.ok()) << third.error().message;
  EXPECT_FALSE(third->request);
}

TEST_F(MessageRequestsTest, DecliningChangesNothingTheSenderCanSee) {
  auto first = write(ann, ben_p, "Hi");
  ASSERT_TRUE(first.ok());
  const auto id = first->conversation_id;
  const auto before = read_conversation(env(), ann, id, std::nullopt);
  ASSERT_TRUE(do_decline_message_request(env(), ben, id).ok());
  ASSERT_TRUE(do_decline_message_request(env(), ben, id).ok());  // twice is fine
  const auto after = read_conversation(env(), ann, id, std::nullopt);
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_EQ(after->request, before->request);
  EXPECT_EQ(after->refusal->message, before->refusal->message);
  EXPECT_EQ(side(id, ann), messages::RequestState::sent);
  EXPECT_EQ(write(ann, ben_p, "Again").error().message, message_waiting_text);
  EXPECT_EQ(read_message_counts(env(), ben).requests, 0);
  EXPECT_TRUE(read_inbox(env(), ben, std::nullopt).conversations.empty());
  // Ben may change his mind: writing back accepts it.
  ASSERT_TRUE(write(ben, ann_p, "Sorry, hello!").ok());
  EXPECT_EQ(side(id, ben), messages::RequestState::none);
  EXPECT_TRUE(write(ann, ben_p, "Hello again").ok());
}

TEST_F(MessageRequestsTest, AnOrdinaryConversationCantBeDeclined) {
  auto sent = write(mod, ben_p, "From the moderators.");
  ASSERT_TRUE(sent.ok());
  EXPECT_FALSE(sent->request);  // moderators skip the request
  EXPECT_EQ(read_message_counts(env(), ben).unread, 1);
  expect_error(do_decline_message_request(env(), ben, sent->conversation_id), ErrorCode::conflict);
  expect_error(do_accept_message_request(env(), owner, sent->conversation_id), ErrorCode::not_found);
}

TEST_F(MessageRequestsTest, AMessageWakesTheRecipientsAccountTopicAndNoOtherAccount) {
  std::atomic<int> ben_wakes{0}, owner_wakes{0};
  auto ben_listener = env().changes->listen([&] { ++ben_wakes; });
  ben_listener->listen({{ChangeFeed::Topic::account, ben}});
  auto owner_listener = env().changes->listen([&] { ++owner_wakes; });
  owner_listener->listen(
      {{ChangeFeed::Topic::account, owner}, {ChangeFeed::Topic::group, g}, {ChangeFeed::Topic::group_activity, g}});
  ASSERT_TRUE(write(ann, ben_p, "Hello").ok());
  EXPECT_GE(ben_wakes.load(), 1);
  EXPECT_EQ(owner_wakes.load(), 0);  // not another account, not the group's streams
  const NewSession session = do_open_session(env(), ben);
  const MemberDelivery d = deliver_member_state(env(), live_viewer(authenticate_session(env(), session.token)));
  EXPECT_EQ(d.message_requests, 1);
  EXPECT_EQ(d.unread_messages, 0);
}

}  // namespace
}  // namespace hearth
