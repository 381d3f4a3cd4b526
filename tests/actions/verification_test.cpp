#include "actions/verification.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "store/audit_log.hpp"
#include "store/platform_admins.hpp"

namespace hearth {
namespace {

class VerificationTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    admin_ = account("site-admin");
    store().write([&](Connection& c) { platform_admins::set_admin(c, "site-admin", true); });
    owner_ = account("owner");
    nurse_ = account("Nurse.Kim");
    group_ = group(owner_, "Night owls", "public");
    persona_ = member(nurse_, group_, "Quiet Harbour");
  }
  AccountId admin_ = 0, owner_ = 0, nurse_ = 0;
  GroupId group_ = 0;
  PersonaId persona_ = 0;
};

TEST_F(VerificationTest, OnlyPlatformAdminsVerifyAndEveryVerificationIsAudited) {
  const VerificationDraft draft{VerificationKind::health_professional, "Nurse", "Scotland"};
  expect_error(do_verify_member(env(), owner_, "nurse.kim", draft), ErrorCode::forbidden);
  expect_error(do_verify_member(env(), admin_, "nobody-here", draft), ErrorCode::not_found);
  ASSERT_TRUE(do_verify_member(env(), admin_, "NURSE.KIM", draft).ok()) << "login names match in any case";
  const auto own = read_own_verification(env(), nurse_);
  ASSERT_TRUE(own.has_value());
  EXPECT_EQ(own->profession, "nurse");
  const auto audit = store().read([&](Connection& c) { return audit_log::admin_entries(c, 10); });
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().action, "admin.verified");
  EXPECT_NE(audit.front().detail.find("(nurse), Scotland"), std::string::npos) << audit.front().detail;
  expect_error(read_verifications(env(), owner_), ErrorCode::forbidden);
  EXPECT_EQ(read_verifications(env(), admin_)->size(), 1u);
}

TEST_F(VerificationTest, TheMemberChoosesPerPersonaAndRevokingTakesEveryBadgeAway) {
  expect_error(do_set_badge_shown(env(), nurse_, persona_, true), ErrorCode::forbidden);  // not verified yet
  ASSERT_TRUE(do_verify_member(env(), admin_, "nurse.kim", {VerificationKind::health_professional, "nurse", "UK"}).ok());
  EXPECT_FALSE(read_persona_badge(env(), persona_).has_value()) << "hidden until the member chooses";
  expect_error(do_set_badge_shown(env(), owner_, persona_, true), ErrorCode::not_found);  // not the owner's persona
  ASSERT_TRUE(do_set_badge_shown(env(), nurse_, persona_, true).ok());
  EXPECT_EQ(badge_label(*read_persona_badge(env(), persona_)), "Verified nurse");
  EXPECT_EQ(read_group_badges(env(), group_).size(), 1u);

  clock().advance(1000);  // the audit log lists the newest first
  ASSERT_TRUE(do_revoke_verification(env(), admin_, "nurse.kim").ok());
  EXPECT_FALSE(read_persona_badge(env(), persona_).has_value());
  EXPECT_FALSE(read_badge_switched_on(env(), persona_));
  expect_error(do_revoke_verification(env(), admin_, "nurse.kim"), ErrorCode::conflict);
  const auto audit = store().read([&](Connection& c) { return audit_log::admin_entries(c, 10); });
  EXPECT_EQ(audit.front().action, "admin.verification_revoked");
}

TEST_F(VerificationTest, ANewProfessionWaitsForTheMemberToChooseAgain) {
  ASSERT_TRUE(do_verify_member(env(), admin_, "nurse.kim", {VerificationKind::health_professional, "nurse", "UK"}).ok());
  ASSERT_TRUE(do_set_badge_shown(env(), nurse_, persona_, true).ok());
  ASSERT_TRUE(do_verify_member(env(), admin_, "nurse.kim", {VerificationKind::health_professional, "nurse", "Wales"}).ok());
  EXPECT_TRUE(read_persona_badge(env(), persona_).has_value()) << "same badge words: it stays";
  ASSERT_TRUE(
      do_verify_member(env(), admin_, "nurse.kim", {VerificationKind::health_professional, "midwife", "Wales"}).ok());
  EXPECT_FALSE(read_persona_badge(env(), persona_).has_value());
}

}  // namespace
}  // namespace hearth
