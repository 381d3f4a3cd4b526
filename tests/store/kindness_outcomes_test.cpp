#include "store/kindness_outcomes.hpp"

#include <gtest/gtest.h>

#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

constexpr UnixMillis day = 24 * 3600 * 1000LL;

class KindnessOutcomesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_.store().write([&](Connection& c) {
      for (GroupId g : {group_, other_}) {
        groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "Group", .created_at = 1});
      }
    });
  }
  void count(GroupId group, kindness_outcomes::Outcome outcome, UnixMillis at) {
    temp_.store().write([&](Connection& c) { kindness_outcomes::count(c, group, outcome, at); });
  }
  kindness_outcomes::Totals since(GroupId group, UnixMillis at) {
    return temp_.store().read([&](Connection& c) { return kindness_outcomes::since(c, group, at); });
  }

  testing::TempStore temp_;
  const GroupId group_ = 21;
  const GroupId other_ = 22;
};

TEST_F(KindnessOutcomesTest, CountsAddUpPerGroupFromTheDayOfSince) {
  using kindness_outcomes::Outcome;
  const UnixMillis today = 20'000 * day + 3600 * 1000;
  count(group_, Outcome::shown, today - 40 * day);  // before the period
  count(group_, Outcome::shown, today - day);
  count(group_, Outcome::shown, today);
  count(group_, Outcome::shown, today + 60 * 1000);
  count(group_, Outcome::edited, today);
  count(group_, Outcome::cancelled, today - day);
  count(group_, Outcome::posted_anyway, today);
  count(other_, Outcome::shown, today);
  const auto totals = since(group_, today - 30 * day);
  EXPECT_EQ(totals.shown, 3);
  EXPECT_EQ(totals.edited, 1);
  EXPECT_EQ(totals.cancelled, 1);
  EXPECT_EQ(totals.posted_anyway, 1);
  EXPECT_EQ(since(group_, 0).shown, 4);
  EXPECT_EQ(since(other_, 0).shown, 1);
  EXPECT_EQ(since(other_, 0).edited, 0);
  // Only aggregates are kept: one row per group and day.
  const int64_t rows = temp_.store().read(
      [&](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM kindness_outcomes WHERE group_id = ?", {group_}).value_or(0); });
  EXPECT_EQ(rows, 3);
}

}  // namespace
}  // namespace hearth
