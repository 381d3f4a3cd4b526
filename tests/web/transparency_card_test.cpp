#include "web/transparency_card.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

// 2026-11-21 10:00 UTC: Sydney is at UTC+11 (daylight time), New York at UTC-5.
constexpr UnixMillis now = 1'795'255'200'000;

Group group_of(Privacy privacy, bool anonymous = false) {
  Group g;
  g.id = 1;
  g.slug = "carers";
  g.name = "Carers";
  g.privacy = privacy;
  g.anonymous_posting = anonymous;
  return g;
}

std::string card(const Group& g, const TransparencyFacts& facts, std::string_view zone = "", bool log_link = true) {
  Html h;
  transparency_card(h, g, facts, now, zone, log_link);
  return h.str();
}

TEST(TransparencyCard, AnUnmoderatedGroupSaysSoPlainly) {
  const std::string html = card(group_of(Privacy::public_group), {});
  EXPECT_NE(html.find("Nobody has moderated this group in the last 30 days."), std::string::npos);
  EXPECT_NE(html.find("No reports were dealt with in the last 90 days."), std::string::npos);
}

TEST(TransparencyCard, ModeratorsHoursAreShownInTheViewersTimeZone) {
  TransparencyFacts facts;
  facts.moderation.active_moderators = 2;
  // Actions at 08:xx, 09:xx and 21:xx UTC.
  facts.moderation.actions_by_utc_hour[8] = 3;
  facts.moderation.actions_by_utc_hour[9] = 1;
  facts.moderation.actions_by_utc_hour[21] = 2;
  const std::string utc = card(group_of(Privacy::public_group), facts);
  EXPECT_NE(utc.find("2 moderators looked after this group in the last 30 days, between 08:00–10:00 and "
                     "21:00–22:00 (UTC)."),
            std::string::npos)
      << utc;
  const std::string sydney = card(group_of(Privacy::public_group), facts, "Australia/Sydney");
  EXPECT_NE(sydney.find("between 08:00–09:00 and 19:00–21:00 (your time)"), std::string::npos) << sydney;
}

TEST(TransparencyCard, HoursAcrossMidnightStayOneRange) {
  TransparencyFacts facts;
  facts.moderation.active_moderators = 1;
  facts.moderation.actions_by_utc_hour[23] = 1;
  facts.moderation.actions_by_utc_hour[0] = 1;
  facts.moderation.actions_by_utc_hour[1] = 1;
  const std::string html = card(group_of(Privacy::public_group), facts);
  EXPECT_NE(html.find("between 23:00–02:00 (UTC)"), std::string::npos) << html;
  for (auto& hour : facts.moderation.actions_by_utc_hour) hour = 1;
  EXPECT_NE(card(group_of(Privacy::public_group), facts).find("at every hour of the day"), std::string::npos);
}

TEST(TransparencyCard, ReportWaitsHeldPostsAndSettingsAreDescribed) {
  TransparencyFacts facts;
  facts.moderation.active_moderators = 1;
  facts.moderation.actions_by_utc_hour[12] = 1;
  facts.median_ms_to_decision = int64_t{3} * 3600 * 1000 + 10 * 60 * 1000;
  facts.held = {200, 9, 4};
  facts.settings.hold_first_posts = 3;
  facts.settings.slow_mode_seconds = 600;
  facts.settings.hold_anonymous = true;
  const std::string html = card(group_of(Privacy::private_group, true), facts);
  EXPECT_NE(html.find("Half of all reports were dealt with within 3 hours"), std::string::npos) << html;
  EXPECT_NE(html.find("A new member's first 3 posts wait for a moderator."), std::string::npos);
  EXPECT_NE(html.find("5% of posts in the last 30 days waited for a moderator's review, 2% because the group's word "
                      "filters or the check for other people's details held them."),
            std::string::npos)
      << html;
  EXPECT_EQ(html.find("Kindness prompts"), std::string::npos) << "nothing to say when the nudge never asked";
  EXPECT_NE(html.find("Allowed, after a moderator's approval."), std::string::npos);
  EXPECT_NE(html.find("Each member can post once every 10 minutes."), std::string::npos) << html;
}

TEST(TransparencyCard, KindnessPromptsAreCountedInAggregate) {
  TransparencyFacts facts;
  facts.kindness = {.shown = 12, .edited = 7, .cancelled = 2, .posted_anyway = 3};
  const std::string html = card(group_of(Privacy::public_group), facts);
  EXPECT_NE(html.find("In the last 30 days Hearth asked 12 times whether a reply could be worded more kindly: 7 "
                      "rephrased, 2 decided not to post, 3 posted as written."),
            std::string::npos)
      << html;
  facts.held = {50, 0, 0};
  EXPECT_EQ(card(group_of(Privacy::public_group), facts).find("because the group's word filters"), std::string::npos);
  // A few prompts are not broken down: the outcome could point at the author of a reply.
  facts.kindness = {.shown = 2, .edited = 0, .cancelled = 0, .posted_anyway = 2};
  const std::string few = card(group_of(Privacy::public_group), facts);
  EXPECT_NE(few.find("Hearth asked a few times whether a reply could be worded more kindly."), std::string::npos) << few;
  EXPECT_EQ(few.find("posted as written"), std::string::npos) << few;
}

TEST(TransparencyCard, MemberCountsOnlyForPublicGroupsAndTheLogLinkOnlyWhenReadable) {
  TransparencyFacts facts;
  facts.member_count = 12;
  EXPECT_NE(card(group_of(Privacy::public_group), facts).find("12 members"), std::string::npos);
  EXPECT_EQ(card(group_of(Privacy::private_group), facts).find("12 members"), std::string::npos);
  EXPECT_NE(card(group_of(Privacy::public_group), facts).find("/g/carers/moderation/log"), std::string::npos);
  EXPECT_EQ(card(group_of(Privacy::private_group), facts, "", false).find("/moderation/log"), std::string::npos);
}

}  // namespace
}  // namespace hearth
