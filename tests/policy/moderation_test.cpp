#include "policy/moderation.hpp"

#include <gtest/gtest.h>

// Who may report, see held posts and removal explanations, read the log and act on whom,
// written out as the specification (issue 4) rather than derived from the code.
namespace hearth {
namespace {

constexpr AccountId me = 77;

GroupViewer guest() { return {}; }
GroupViewer outsider() { return {me, std::nullopt}; }
GroupViewer with(MembershipStatus status, Role role = Role::member) {
  Membership m;
  m.group_id = 1;
  m.account_id = me;
  m.status = status;
  m.role = role;
  return {me, m};
}

TEST(ModerationPolicyTest, ReportingIsForLoggedInReaders) {
  EXPECT_FALSE(can_report(Privacy::public_group, guest())) << "log in first";
  EXPECT_TRUE(can_report(Privacy::public_group, outsider())) << "lurkers read, so they may report";
  EXPECT_FALSE(can_report(Privacy::private_group, outsider()));
  EXPECT_FALSE(can_report(Privacy::private_group, with(MembershipStatus::pending)));
  EXPECT_TRUE(can_report(Privacy::hidden_group, with(MembershipStatus::active)));
  EXPECT_FALSE(can_report(Privacy::public_group, with(MembershipStatus::banned)));
}

TEST(ModerationPolicyTest, HeldPostsAndExplanationsAreForTheAuthorAndModerators) {
  for (auto* rule : {&can_see_held_post, &can_see_removal_explanation}) {
    EXPECT_TRUE((*rule)(with(MembershipStatus::active), true));
    EXPECT_FALSE((*rule)(with(MembershipStatus::active), false));
    EXPECT_TRUE((*rule)(with(MembershipStatus::active, Role::moderator), false));
    EXPECT_FALSE((*rule)(with(MembershipStatus::banned, Role::moderator), false)) << "a banned moderator isn't one";
    EXPECT_FALSE((*rule)(guest(), true)) << "nobody is the author without an account";
  }
}

TEST(ModerationPolicyTest, TheLogIsPublicWhereTheGroupIsAndFullForModerators) {
  EXPECT_TRUE(can_read_moderation_log(Privacy::public_group, guest()));
  EXPECT_FALSE(can_read_moderation_log(Privacy::private_group, guest()));
  EXPECT_TRUE(can_read_moderation_log(Privacy::private_group, with(MembershipStatus::active)));
  EXPECT_FALSE(can_read_full_moderation_log(with(MembershipStatus::active)));
  EXPECT_TRUE(can_read_full_moderation_log(with(MembershipStatus::active, Role::moderator)));
}

TEST(ModerationPolicyTest, SanctionsGoDownTheRolesAndNeverAtOneself) {
  const auto actor = [](Role role) { return with(MembershipStatus::active, role); };
  EXPECT_TRUE(can_sanction_member(actor(Role::moderator), Role::member, false));
  EXPECT_FALSE(can_sanction_member(actor(Role::moderator), Role::moderator, false));
  EXPECT_FALSE(can_sanction_member(actor(Role::moderator), Role::owner, false));
  EXPECT_TRUE(can_sanction_member(actor(Role::admin), Role::moderator, false));
  EXPECT_FALSE(can_sanction_member(actor(Role::admin), Role::admin, false));
  EXPECT_TRUE(can_sanction_member(actor(Role::owner), Role::admin, false));
  EXPECT_FALSE(can_sanction_member(actor(Role::owner), Role::member, true)) << "not on oneself";
  EXPECT_FALSE(can_sanction_member(actor(Role::member), Role::member, false));
  // Through a handle: only a plain member who isn't the actor; the rest goes to the platform.
  EXPECT_TRUE(handle_sanction_applies(Role::member, false));
  EXPECT_FALSE(handle_sanction_applies(Role::member, true));
  EXPECT_FALSE(handle_sanction_applies(Role::moderator, false));
  EXPECT_FALSE(handle_sanction_applies(Role::owner, false));
}

TEST(ModerationPolicyTest, WhichPostsWait) {
  const ModerationSettings off{};
  const ModerationSettings first_two{2, 0, false};
  const ModerationSettings anonymous{0, 0, true};
  EXPECT_EQ(hold_reason(off, false, true, 0), HoldReason::none);
  EXPECT_EQ(hold_reason(first_two, false, false, 0), HoldReason::new_member);
  EXPECT_EQ(hold_reason(first_two, false, false, 1), HoldReason::new_member);
  EXPECT_EQ(hold_reason(first_two, false, false, 2), HoldReason::none);
  EXPECT_EQ(hold_reason(first_two, true, false, 0), HoldReason::none) << "moderators never wait";
  EXPECT_EQ(hold_reason(anonymous, false, true, 50), HoldReason::anonymous);
  EXPECT_EQ(hold_reason(anonymous, false, false, 0), HoldReason::none);
}

TEST(ModerationPolicyTest, SlowMode) {
  const ModerationSettings slow{0, 60, false};
  EXPECT_FALSE(slow_mode_wait_ms(slow, false, std::nullopt, 1'000'000)) << "a first post never waits";
  EXPECT_EQ(slow_mode_wait_ms(slow, false, 1'000'000, 1'010'000), 50'000);
  EXPECT_FALSE(slow_mode_wait_ms(slow, false, 1'000'000, 1'060'000));
  EXPECT_FALSE(slow_mode_wait_ms(slow, true, 1'000'000, 1'010'000)) << "moderators aren't slowed down";
  EXPECT_FALSE(slow_mode_wait_ms(ModerationSettings{}, false, 1'000'000, 1'000'001));
}

}  // namespace
}  // namespace hearth
