#include "domain/moderation.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(ModerationDomainTest, NamesRoundTrip) {
  for (const ReportReason reason : all_report_reasons) {
    EXPECT_EQ(parse_report_reason(report_reason_name(reason)), reason);
    EXPECT_FALSE(report_reason_label(reason).empty());
  }
  for (int i = 0; i <= static_cast<int>(ModerationAction::note); ++i) {
    const auto action = static_cast<ModerationAction>(i);
    EXPECT_EQ(parse_moderation_action(moderation_action_name(action)), action);
  }
  EXPECT_FALSE(parse_moderation_action("delete"));
  EXPECT_EQ(parse_report_outcome(""), ReportOutcome::open);
  EXPECT_EQ(parse_report_outcome("removed"), ReportOutcome::removed);
  EXPECT_EQ(parse_sanction_kind("mute"), SanctionKind::mute);
}

TEST(ModerationDomainTest, ReportsNameARealRuleAndKeepNotesShort) {
  EXPECT_TRUE(validate_report({ReportReason::group_rule, 2, ""}, 2).ok());
  EXPECT_EQ(validate_report({ReportReason::group_rule, 3, ""}, 2).error().field, "rule");
  EXPECT_EQ(validate_report({ReportReason::group_rule, std::nullopt, ""}, 2).error().field, "rule");
  EXPECT_EQ(validate_report({ReportReason::group_rule, 1, ""}, 0).error().field, "reason");
  auto other = validate_report({ReportReason::spam, 5, "  trimmed  "}, 0);
  ASSERT_TRUE(other.ok());
  EXPECT_FALSE(other->rule) << "a rule only goes with 'breaks a group rule'";
  EXPECT_EQ(other->note, "trimmed");
  EXPECT_FALSE(validate_report({ReportReason::other, std::nullopt, std::string(1001, 'a')}, 0).ok());
}

TEST(ModerationDomainTest, RequestsNeedWordsWhereTheMemberReadsThem) {
  EXPECT_TRUE(validate_moderation_request({ModerationAction::approve, "", std::nullopt, 0}, 0).ok());
  EXPECT_EQ(validate_moderation_request({ModerationAction::remove, " ", std::nullopt, 0}, 0).error().field, "reason");
  EXPECT_EQ(validate_moderation_request({ModerationAction::note, "", std::nullopt, 0}, 0).error().field, "reason");
  EXPECT_EQ(validate_moderation_request({ModerationAction::mute, "Break.", std::nullopt, 0}, 0).error().field,
            "mute_hours");
  EXPECT_TRUE(validate_moderation_request({ModerationAction::mute, "Break.", std::nullopt, 24}, 0).ok());
  EXPECT_FALSE(validate_moderation_request({ModerationAction::mute, "Break.", std::nullopt, 24 * 91}, 0).ok());
  EXPECT_EQ(validate_moderation_request({ModerationAction::warn, "Careful.", 3, 0}, 2).error().field, "rule");
  auto warn = validate_moderation_request({ModerationAction::warn, "Careful.", std::nullopt, 24}, 2);
  ASSERT_TRUE(warn.ok());
  EXPECT_EQ(warn->mute_hours, 0) << "a duration only goes with a mute";
}

TEST(ModerationDomainTest, SettingsAndDurations) {
  EXPECT_TRUE(validate_moderation_settings({20, 86400, true}).ok());
  EXPECT_FALSE(validate_moderation_settings({21, 0, false}).ok());
  EXPECT_FALSE(validate_moderation_settings({0, -5, false}).ok());
  EXPECT_EQ(describe_duration(30), "30 seconds");
  EXPECT_EQ(describe_duration(60), "1 minute");
  EXPECT_EQ(describe_duration(90 * 60), "1 hour 30 minutes");
  EXPECT_EQ(describe_duration(3 * 86400), "3 days");
}

}  // namespace
}  // namespace hearth
