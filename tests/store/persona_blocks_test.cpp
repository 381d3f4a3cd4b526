#include "store/persona_blocks.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"

namespace hearth {
namespace {

class PersonaBlocksTest : public testing::ConversationTest {};

TEST_F(PersonaBlocksTest, KeepsOneRowPerBlockerAndPersonaAndAnswersBothDirections) {
  const AccountId alice = account("alice"), bob = account("bob"), carol = account("carol");
  const GroupId g = group(alice, "Circle", "public");
  const PersonaId bob_p = member(bob, g, "Bob Birch");
  const PersonaId carol_p = member(carol, g, "Carol Cedar");
  const PersonaId alice_p = 777;  // the blocker's name in that group (any id: not checked here)
  const auto add = [&](AccountId blocker, PersonaId blocked, AccountId blocked_account, PersonaId blocker_p,
                       UnixMillis at) {
    return store().write([&](Connection& c) {
      return persona_blocks::add(c, {blocker, blocked, blocked_account, blocker_p, g, at});
    });
  };
  EXPECT_TRUE(add(alice, bob_p, bob, alice_p, 10));
  EXPECT_FALSE(add(alice, bob_p, bob, alice_p, 20));  // already blocked: the first stays
  EXPECT_TRUE(add(alice, carol_p, carol, 0, 30));      // no name of alice's there: nothing for carol
  store().read([&](Connection& c) {
    const BlockSet mine = persona_blocks::block_set(c, alice);
    EXPECT_EQ(mine.blocked, (std::vector<PersonaId>{std::min(bob_p, carol_p), std::max(bob_p, carol_p)}));
    EXPECT_TRUE(mine.blocked_by.empty());
    EXPECT_EQ(persona_blocks::block_set(c, bob).blocked_by, std::vector<PersonaId>{alice_p});
    EXPECT_TRUE(persona_blocks::block_set(c, carol).empty());
    EXPECT_TRUE(persona_blocks::between(c, alice, bob_p));
    EXPECT_TRUE(persona_blocks::between(c, bob, alice_p));
    EXPECT_FALSE(persona_blocks::between(c, carol, alice_p));
    EXPECT_FALSE(persona_blocks::between(c, bob, bob_p));
    EXPECT_FALSE(persona_blocks::between(c, carol, 0));
    const auto list = persona_blocks::list(c, alice);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].persona_name, "Carol Cedar");  // newest first
    EXPECT_EQ(list[1].persona_name, "Bob Birch");
    EXPECT_EQ(list[1].created_at, 10);
    EXPECT_EQ(list[1].group_name, "Circle");
  });
  EXPECT_TRUE(store().write([&](Connection& c) { return persona_blocks::remove(c, alice, bob_p); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return persona_blocks::remove(c, alice, bob_p); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return persona_blocks::remove(c, bob, carol_p); }));
  store().read([&](Connection& c) {
    EXPECT_FALSE(persona_blocks::has_blocked(c, alice, bob_p));
    EXPECT_TRUE(persona_blocks::has_blocked(c, alice, carol_p));
    EXPECT_TRUE(persona_blocks::block_set(c, bob).empty());
  });
}

}  // namespace
}  // namespace hearth
