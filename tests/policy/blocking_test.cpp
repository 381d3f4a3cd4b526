#include "policy/blocking.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(BlockEffect, FollowsThePersonaBothWaysAndNeverAnAnonymousPost) {
  const BlockSet blocks{.blocked = {10, 30}, .blocked_by = {20}};
  EXPECT_EQ(block_effect(blocks, false, 10), BlockEffect::you_blocked);
  EXPECT_EQ(block_effect(blocks, false, 30), BlockEffect::you_blocked);
  EXPECT_EQ(block_effect(blocks, false, 20), BlockEffect::blocked_you);
  EXPECT_EQ(block_effect(blocks, false, 40), BlockEffect::none);
  // An anonymous post, whoever wrote it: nothing, or the block would name its author.
  EXPECT_EQ(block_effect(blocks, true, 10), BlockEffect::none);
  EXPECT_EQ(block_effect(blocks, true, 20), BlockEffect::none);
  // A removed post (no persona shown).
  EXPECT_EQ(block_effect(blocks, false, 0), BlockEffect::none);
  EXPECT_EQ(block_effect(BlockSet{}, false, 10), BlockEffect::none);
}

TEST(BlockEffect, MemberListsHideBothDirections) {
  const BlockSet blocks{.blocked = {10}, .blocked_by = {20}};
  EXPECT_TRUE(hides_member(blocks, 10));
  EXPECT_TRUE(hides_member(blocks, 20));
  EXPECT_FALSE(hides_member(blocks, 30));
  EXPECT_FALSE(can_block(true));
  EXPECT_TRUE(can_block(false));
}

}  // namespace
}  // namespace hearth
