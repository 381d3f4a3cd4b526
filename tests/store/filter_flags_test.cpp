#include "store/filter_flags.hpp"

#include <gtest/gtest.h>

#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

class FilterFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_.store().write([&](Connection& c) {
      for (GroupId g : {group_, other_}) {
        groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "Group", .created_at = 1});
      }
    });
  }
  void flag(GroupId group, PostId post, const std::string& filter, bool at_risk, UnixMillis at) {
    temp_.store().write([&](Connection& c) {
      filter_flags::insert(c, {.group_id = group, .post_id = post, .thread_id = 7, .filter = filter, .action = "flag",
                               .detail = "watched word \"kiwi\"", .words = "Kiwi", .at_risk = at_risk, .at = at});
    });
  }
  std::vector<filter_flags::OpenPost> open(GroupId group) {
    return temp_.store().read([&](Connection& c) { return filter_flags::open_posts(c, group, 10); });
  }

  testing::TempStore temp_;
  const GroupId group_ = 21;
  const GroupId other_ = 22;
};

TEST_F(FilterFlagsTest, OpenPostsPutSomeoneAtRiskFirstThenTheOldest) {
  flag(group_, 101, "watched_words", false, 1000);
  flag(group_, 102, "watched_words", false, 2000);
  flag(group_, 103, "crisis", true, 3000);
  flag(group_, 101, "third_party", false, 4000);  // a second flag on the same post: one item
  flag(other_, 104, "crisis", true, 500);         // another group's
  const auto posts = open(group_);
  ASSERT_EQ(posts.size(), 3u);
  EXPECT_EQ(posts[0].post_id, 103);
  EXPECT_TRUE(posts[0].at_risk);
  EXPECT_EQ(posts[1].post_id, 101);
  EXPECT_EQ(posts[1].first_at, 1000);
  EXPECT_EQ(posts[2].post_id, 102);
  const auto flags = temp_.store().read([&](Connection& c) { return filter_flags::open_for(c, group_, 101); });
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].filter, "watched_words");
  EXPECT_EQ(flags[0].words, "Kiwi");
  EXPECT_EQ(flags[1].filter, "third_party");
}

TEST_F(FilterFlagsTest, ResolvingClosesThePostsFlagsOnly) {
  flag(group_, 101, "watched_words", false, 1000);
  flag(group_, 101, "crisis", true, 1100);
  flag(group_, 102, "watched_words", false, 2000);
  const int64_t closed = temp_.store().write([&](Connection& c) { return filter_flags::resolve(c, group_, 101, 5000); });
  EXPECT_EQ(closed, 2);
  const auto posts = open(group_);
  ASSERT_EQ(posts.size(), 1u);
  EXPECT_EQ(posts[0].post_id, 102);
  EXPECT_EQ(temp_.store().write([&](Connection& c) { return filter_flags::resolve(c, group_, 101, 6000); }), 0);
  // Another group's post with the same id is not this group's to close.
  flag(other_, 102, "watched_words", false, 2000);
  temp_.store().write([&](Connection& c) { filter_flags::resolve(c, group_, 102, 7000); });
  EXPECT_EQ(open(other_).size(), 1u);
}

}  // namespace
}  // namespace hearth
