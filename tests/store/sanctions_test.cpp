#include "store/sanctions.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "core/random.hpp"
#include "store/moderator_notes.hpp"

namespace hearth {
namespace {

class SanctionsStoreTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    group_ = group(owner_, "Night owls", "public");
    persona_ = member(alice_, group_, "Quiet Heron");
  }
  void give(const sanctions::Subject& subject, SanctionKind kind, std::optional<UnixMillis> ends_at = std::nullopt,
            bool applied = true) {
    sanctions::NewSanction s;
    s.id = random_id();
    s.group_id = group_;
    s.account_id = alice_;
    s.subject = subject;
    s.kind = kind;
    s.reason = "Because.";
    s.ends_at = ends_at;
    s.actor = owner_;
    s.at = clock().now();
    s.applied = applied;
    store().write([&](Connection& c) { sanctions::insert(c, s); });
  }
  std::vector<sanctions::Entry> history(const sanctions::Subject& subject) {
    return store().read([&](Connection& c) { return sanctions::history(c, group_, subject); });
  }
  AccountId owner_ = 0, alice_ = 0;
  GroupId group_ = 0;
  PersonaId persona_ = 0;
};

TEST_F(SanctionsStoreTest, APersonaAndAHandleHaveSeparateHistoriesOnTheSameAccount) {
  const sanctions::Subject persona{persona_, ""};
  const sanctions::Subject handle{std::nullopt, "abc123-def456"};
  give(persona, SanctionKind::warning);
  give(handle, SanctionKind::removal);
  give(handle, SanctionKind::warning);
  EXPECT_EQ(history(persona).size(), 1u);
  ASSERT_EQ(history(handle).size(), 2u);
  EXPECT_EQ(history(handle)[0].actor_name, "Night owls Owner");
  EXPECT_EQ(sanctions::standing(history(handle), clock().now()).strikes, 2);
  // A handle can't be made to match a persona's rows (nor the reverse).
  EXPECT_TRUE(history({std::nullopt, ""}).empty());
  store().write([&](Connection& c) { moderator_notes::add(c, group_, handle, "Watch this.", owner_, 1); });
  EXPECT_EQ(store().read([&](Connection& c) { return moderator_notes::about(c, group_, handle); }).size(), 1u);
  EXPECT_TRUE(store().read([&](Connection& c) { return moderator_notes::about(c, group_, persona); }).empty());
}

TEST_F(SanctionsStoreTest, MutesInForceAreAppliedUnliftedAndUnexpired) {
  const sanctions::Subject handle{std::nullopt, "abc123-def456"};
  const UnixMillis now = clock().now();
  give(handle, SanctionKind::mute, now + 1000, false);
  EXPECT_FALSE(store().read([&](Connection& c) { return sanctions::active_mute(c, group_, alice_, now); }))
      << "not applied: it went to the platform admins";
  give(handle, SanctionKind::mute, now + 5000);
  auto mute = store().read([&](Connection& c) { return sanctions::active_mute(c, group_, alice_, now); });
  ASSERT_TRUE(mute);
  EXPECT_EQ(mute->ends_at, now + 5000);
  EXPECT_FALSE(store().read([&](Connection& c) { return sanctions::active_mute(c, group_, alice_, now + 5000); }));
  const auto lifted =
      store().write([&](Connection& c) { return sanctions::lift(c, group_, handle, SanctionKind::mute, now); });
  EXPECT_EQ(lifted, std::vector<AccountId>{alice_});
  EXPECT_FALSE(store().read([&](Connection& c) { return sanctions::active_mute(c, group_, alice_, now); }));
}

TEST_F(SanctionsStoreTest, NoticesAreTheMembersOwnAppliedSanctions) {
  give({persona_, ""}, SanctionKind::warning);
  give({std::nullopt, "abc123-def456"}, SanctionKind::ban, std::nullopt, false);
  give({std::nullopt, "abc123-def456"}, SanctionKind::removal);
  const auto notices = store().read([&](Connection& c) { return sanctions::notices_for(c, alice_, 10); });
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_TRUE(notices[0].about_anonymous_post || notices[1].about_anonymous_post);
  EXPECT_EQ(notices[0].membership, MembershipStatus::active);
  EXPECT_TRUE(store().read([&](Connection& c) { return sanctions::notices_for(c, owner_, 10); }).empty());
}

}  // namespace
}  // namespace hearth
