#include "store/verifications.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"

namespace hearth {
namespace {

class VerificationsStoreTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    nurse_ = account("nurse");
    admin_ = account("admin");
    group_ = group(owner_, "Night owls", "public");
    other_group_ = group(owner_, "Early birds", "public");
    here_ = member(nurse_, group_, "Quiet Harbour");
    there_ = member(nurse_, other_group_, "Bright Meadow");
  }
  void verify(AccountId who, VerificationKind kind = VerificationKind::health_professional,
              std::string profession = "nurse") {
    store().write([&](Connection& c) {
      verifications::upsert(c, who, {kind, profession, "Scotland"}, admin_, clock().now());
    });
  }
  void show(PersonaId persona, AccountId who) {
    store().write([&](Connection& c) { verifications::show_badge(c, persona, who, clock().now()); });
  }
  std::unordered_map<PersonaId, Badge> badges(GroupId g) {
    return store().read([&](Connection& c) { return verifications::badges_in_group(c, g); });
  }
  AccountId owner_ = 0, nurse_ = 0, admin_ = 0;
  GroupId group_ = 0, other_group_ = 0;
  PersonaId here_ = 0, there_ = 0;
};

TEST_F(VerificationsStoreTest, ABadgeShowsOnlyWithThePersonaItWasSwitchedOnFor) {
  verify(nurse_);
  EXPECT_TRUE(badges(group_).empty()) << "hidden by default";
  show(here_, nurse_);
  const auto here = badges(group_);
  ASSERT_EQ(here.size(), 1u);
  EXPECT_EQ(badge_label(here.at(here_)), "Verified nurse");
  EXPECT_TRUE(badges(other_group_).empty()) << "the persona in the other group shows nothing";
  EXPECT_FALSE(store().read([&](Connection& c) { return verifications::badge_of(c, there_); }).has_value());
}

TEST_F(VerificationsStoreTest, NoBadgeWithoutAnActiveVerification) {
  show(here_, nurse_);  // switched on, but nobody verified the account
  EXPECT_TRUE(badges(group_).empty());
  verify(nurse_);
  EXPECT_EQ(badges(group_).size(), 1u);
  EXPECT_TRUE(store().write([&](Connection& c) { return verifications::revoke(c, nurse_, admin_, 5); }));
  EXPECT_TRUE(badges(group_).empty());
  EXPECT_FALSE(store().read([&](Connection& c) { return verifications::badge_switched_on(c, here_); }))
      << "revoking removes the badges, so a new verification doesn't bring them back unasked";
  EXPECT_FALSE(store().write([&](Connection& c) { return verifications::revoke(c, nurse_, admin_, 6); }));
  const auto found = store().read([&](Connection& c) { return verifications::find(c, nurse_); });
  ASSERT_TRUE(found.has_value());
  EXPECT_FALSE(found->active());
}

TEST_F(VerificationsStoreTest, ABadgeIsNeverBorrowedFromAnotherAccount) {
  verify(owner_);
  show(here_, owner_);  // a row naming the wrong account (which no action writes)
  EXPECT_TRUE(badges(group_).empty()) << "the persona's own account must be verified";
}

TEST_F(VerificationsStoreTest, CountsBadgesOfActiveMembersByKind) {
  const AccountId volunteer = account("volunteer");
  const PersonaId v = member(volunteer, group_, "Kind Lantern");
  const AccountId leaver = account("leaver");
  const PersonaId l = member(leaver, group_, "Gone Away", MembershipStatus::banned);
  verify(nurse_);
  verify(volunteer, VerificationKind::peer_volunteer, "");
  verify(leaver);
  show(here_, nurse_);
  show(v, volunteer);
  show(l, leaver);
  const auto counts = store().read([&](Connection& c) { return verifications::count_in_group(c, group_); });
  EXPECT_EQ(counts.health_professionals, 1) << "a banned member's badge doesn't count";
  EXPECT_EQ(counts.peer_volunteers, 1);
  EXPECT_EQ(badge_label(badges(group_).at(v)), "Trained peer volunteer");
}

TEST_F(VerificationsStoreTest, VerifyingAgainReplacesARevokedVerification) {
  verify(nurse_);
  store().write([&](Connection& c) { verifications::revoke(c, nurse_, admin_, 5); });
  verify(nurse_, VerificationKind::health_professional, "pharmacist");
  const auto listed = store().read([&](Connection& c) { return verifications::list(c, 10); });
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_TRUE(listed[0].verification.active());
  EXPECT_EQ(listed[0].verification.profession, "pharmacist");
  EXPECT_EQ(listed[0].login_name, "nurse");
}

}  // namespace
}  // namespace hearth
