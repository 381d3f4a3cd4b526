#include "actions/reactions.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "store/reactions.hpp"

namespace hearth {

class ReactionsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    group_ = group(owner_, "Type 1 diabetes", "public");
    alice_persona_ = member(alice_, group_, "Calm River");
    bob_persona_ = member(bob_, group_, "Warm Lantern");
    thread_ = start(alice_, group_, "Night lows", "How do you handle night lows?");
  }
  std::array<int64_t, 3> counts(PostId id) {
    return store().read([&](Connection& c) { return reactions::counts(c, id); });
  }
  AccountId owner_ = 0, alice_ = 0, bob_ = 0;
  PersonaId alice_persona_ = 0, bob_persona_ = 0;
  GroupId group_ = 0;
  NewThread thread_;
};

TEST_F(ReactionsTest, ReactionsToggleAndCount) {
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::helped, true).ok());
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::helped, true).ok()) << "repeat is harmless";
  ASSERT_TRUE(do_react(env(), owner_, thread_.post_id, ReactionKind::helped, true).ok());
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::me_too, true).ok());
  auto now = counts(thread_.post_id);
  EXPECT_EQ(now[static_cast<int>(ReactionKind::helped)], 2);
  EXPECT_EQ(now[static_cast<int>(ReactionKind::me_too)], 1);
  EXPECT_EQ(now[static_cast<int>(ReactionKind::support)], 0);
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::helped, false).ok());
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::helped, false).ok());
  now = counts(thread_.post_id);
  EXPECT_EQ(now[static_cast<int>(ReactionKind::helped)], 1);
  EXPECT_EQ(now[static_cast<int>(ReactionKind::me_too)], 1);
}

TEST_F(ReactionsTest, TheReactorsPersonaInThisGroupIsStored) {
  ASSERT_TRUE(do_react(env(), bob_, thread_.post_id, ReactionKind::support, true).ok());
  EXPECT_EQ(count("SELECT persona_id FROM reactions WHERE account_id = ?", {bob_}), bob_persona_);
  EXPECT_EQ(count("SELECT group_id FROM reactions WHERE account_id = ?", {bob_}), group_);
  const auto who =
      store().read([&](Connection& c) { return reactions::reactors(c, thread_.post_id, ReactionKind::support, 10); });
  ASSERT_EQ(who.size(), 1u);
  EXPECT_EQ(who[0].persona_name, "Warm Lantern");
}

TEST_F(ReactionsTest, OnlyMembersReact) {
  const AccountId stranger = account("stranger");
  const AccountId waiting = account("waiting");
  member(waiting, group_, "Waiting Wren", MembershipStatus::pending);
  expect_error(do_react(env(), stranger, thread_.post_id, ReactionKind::support, true), ErrorCode::forbidden);
  expect_error(do_react(env(), waiting, thread_.post_id, ReactionKind::support, true), ErrorCode::forbidden);
  expect_error(do_react(env(), bob_, 777, ReactionKind::support, true), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reactions"), 0);
}

TEST_F(ReactionsTest, HiddenGroupPostsAreNotFound) {
  const GroupId hidden = group(owner_, "Hidden one", "hidden");
  const auto t = start(owner_, hidden, "In here", "Text");
  expect_error(do_react(env(), bob_, t.post_id, ReactionKind::support, true), ErrorCode::not_found);
}

}  // namespace hearth
