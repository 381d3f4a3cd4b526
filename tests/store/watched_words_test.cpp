#include "store/watched_words.hpp"

#include <gtest/gtest.h>

#include "store/accounts.hpp"
#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

class WatchedWordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    temp_.store().write([&](Connection& c) {
      accounts::insert(c, {.id = moderator_, .login_name = "mod", .password_hash = "x", .created_at = 1});
      for (GroupId g : {group_, other_}) {
        groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "Group", .created_at = 1});
      }
    });
  }
  std::optional<int64_t> add(std::optional<GroupId> group, const std::string& phrase, WatchAction action,
                             const std::string& message = "") {
    return temp_.store().write([&](Connection& c) {
      return watched_words::add(c, {.group_id = group,
                                    .phrase = phrase,
                                    .phrase_key = phrase,
                                    .action = action,
                                    .message = message,
                                    .created_by = moderator_,
                                    .created_at = ++now_});
    });
  }
  std::vector<WatchedWord> list(std::optional<GroupId> group) {
    return temp_.store().read([&](Connection& c) { return watched_words::list(c, group); });
  }
  watched_words::Versions versions(std::optional<GroupId> group) {
    return temp_.store().read([&](Connection& c) { return watched_words::versions(c, group); });
  }

  testing::TempStore temp_;
  const AccountId moderator_ = 11;
  const GroupId group_ = 21;
  const GroupId other_ = 22;
  UnixMillis now_ = 1000;
};

TEST_F(WatchedWordsTest, EachGroupAndThePlatformKeepTheirOwnList) {
  ASSERT_TRUE(add(group_, "idiot", WatchAction::hold));
  ASSERT_TRUE(add(group_, "diet*", WatchAction::block, "We don't talk about diets here."));
  ASSERT_TRUE(add(std::nullopt, "kys", WatchAction::block));
  ASSERT_TRUE(add(other_, "idiot", WatchAction::flag));  // the same word in another group

  const std::vector<WatchedWord> mine = list(group_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].phrase, "idiot");
  EXPECT_EQ(mine[0].action, WatchAction::hold);
  EXPECT_EQ(mine[0].group_id, group_);
  EXPECT_EQ(mine[1].phrase, "diet*");
  EXPECT_EQ(mine[1].message, "We don't talk about diets here.");
  const std::vector<WatchedWord> platform = list(std::nullopt);
  ASSERT_EQ(platform.size(), 1u);
  EXPECT_EQ(platform[0].phrase, "kys");
  EXPECT_FALSE(platform[0].group_id);
  EXPECT_EQ(list(other_).size(), 1u);
  EXPECT_EQ(temp_.store().read([&](Connection& c) { return watched_words::count(c, group_); }), 2);
}

TEST_F(WatchedWordsTest, AnEntryIsInAListOnce) {
  ASSERT_TRUE(add(group_, "idiot", WatchAction::hold));
  EXPECT_FALSE(add(group_, "idiot", WatchAction::block));
  ASSERT_TRUE(add(std::nullopt, "idiot", WatchAction::flag));
  EXPECT_FALSE(add(std::nullopt, "idiot", WatchAction::block));
  EXPECT_EQ(list(group_).size(), 1u);
  EXPECT_EQ(list(std::nullopt).size(), 1u);
}

TEST_F(WatchedWordsTest, EveryChangeMovesTheListsVersion) {
  EXPECT_EQ(versions(group_).group, 0);
  EXPECT_EQ(versions(group_).platform, 0);
  const int64_t id = add(group_, "idiot", WatchAction::hold).value();
  const int64_t first = versions(group_).group;
  EXPECT_NE(first, 0);
  EXPECT_EQ(versions(other_).group, 0);
  add(std::nullopt, "kys", WatchAction::block);
  EXPECT_NE(versions(group_).platform, 0);
  EXPECT_EQ(versions(std::nullopt).platform, versions(group_).platform);
  EXPECT_EQ(versions(group_).group, first);

  add(group_, "idiot", WatchAction::block);  // a duplicate changes nothing
  EXPECT_EQ(versions(group_).group, first);

  EXPECT_TRUE(temp_.store().write(
      [&](Connection& c) { return watched_words::update(c, group_, id, WatchAction::censor, "x"); }));
  const int64_t second = versions(group_).group;
  EXPECT_NE(second, first);
  EXPECT_EQ(list(group_)[0].action, WatchAction::censor);

  // Another group's entry can't be reached through this group.
  EXPECT_FALSE(temp_.store().write([&](Connection& c) { return watched_words::remove(c, other_, id); }));
  EXPECT_FALSE(temp_.store().write([&](Connection& c) { return watched_words::remove(c, std::nullopt, id); }));
  EXPECT_EQ(versions(group_).group, second);
  EXPECT_TRUE(temp_.store().write([&](Connection& c) { return watched_words::remove(c, group_, id); }));
  const int64_t third = versions(group_).group;
  EXPECT_NE(third, second);
  EXPECT_NE(third, first);
  EXPECT_TRUE(list(group_).empty());
  EXPECT_FALSE(temp_.store().write([&](Connection& c) { return watched_words::remove(c, group_, id); }));
  EXPECT_EQ(versions(group_).group, third);
}

TEST_F(WatchedWordsTest, ActionsHaveNames) {
  for (WatchAction a : {WatchAction::block, WatchAction::hold, WatchAction::flag, WatchAction::censor}) {
    EXPECT_EQ(parse_watch_action(watch_action_name(a)), a);
  }
  EXPECT_FALSE(parse_watch_action("delete"));
}

}  // namespace
}  // namespace hearth
