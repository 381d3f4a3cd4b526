#include "actions/muting.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/reading.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

class MutingTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    reader_ = account("reader");
    group_ = group(owner_, "Open circle", "public");
    member(reader_, group_, "Reader Rowan");
    first_ = start(owner_, group_, "First", "One").thread_id;
    second_ = start(owner_, group_, "Second", "Two").thread_id;
  }

  int64_t unread() {
    int64_t total = 0;
    for (const auto& g : store().read([&](Connection& c) { return memberships::groups_of(c, reader_); })) {
      total += g.unread_threads;
    }
    return total;
  }
  std::vector<ThreadId> feed() {
    std::vector<ThreadId> ids;
    for (const auto& e : read_home_feed(env(), reader_, 10)) ids.push_back(e.thread_id);
    return ids;
  }

  AccountId owner_ = 0, reader_ = 0;
  GroupId group_ = 0;
  ThreadId first_ = 0, second_ = 0;
};

TEST_F(MutingTest, AMutedThreadLeavesTheFeedAndTheCountUntilUnmuted) {
  EXPECT_EQ(unread(), 2);
  ASSERT_TRUE(do_mute_thread(env(), reader_, first_, true).ok());
  ASSERT_TRUE(do_mute_thread(env(), reader_, first_, true).ok());  // twice: one row
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread_mutes"), 1);
  EXPECT_EQ(unread(), 1);
  EXPECT_EQ(feed(), std::vector<ThreadId>{second_});
  EXPECT_TRUE(read_mute_state(env(), reader_, group_, first_).thread_muted);
  EXPECT_FALSE(read_mute_state(env(), owner_, group_, first_).thread_muted);  // nobody else's
  const MutedLists lists = read_mutes(env(), reader_);
  ASSERT_EQ(lists.threads.size(), 1u);
  EXPECT_EQ(lists.threads[0].title, "First");
  ASSERT_TRUE(do_mute_thread(env(), reader_, first_, false).ok());
  EXPECT_EQ(unread(), 2);
  ASSERT_TRUE(do_mute_thread(env(), reader_, first_, true).ok());
  ASSERT_TRUE(do_unmute_own_thread(env(), reader_, first_).ok());
  EXPECT_EQ(unread(), 2);
}

TEST_F(MutingTest, AMutedGroupCountsNothingAndFeedsNothing) {
  ASSERT_TRUE(do_mute_group(env(), reader_, group_, true).ok());
  EXPECT_EQ(unread(), 0);
  EXPECT_TRUE(feed().empty());
  EXPECT_TRUE(read_mute_state(env(), reader_, group_).group_muted);
  EXPECT_EQ(read_mutes(env(), reader_).groups.at(0).title, "Open circle");
  ASSERT_TRUE(do_unmute_own_group(env(), reader_, group_).ok());
  EXPECT_EQ(unread(), 2);
  EXPECT_EQ(feed().size(), 2u);
}

TEST_F(MutingTest, WhatTheViewerCantReadCantBeMutedAndIsNotNamed) {
  const GroupId closed = group(owner_, "Closed circle", "private");
  const ThreadId inside = start(owner_, closed, "Inside", "Members only").thread_id;
  expect_error(do_mute_thread(env(), reader_, inside, true), ErrorCode::not_found);
  expect_error(do_mute_group(env(), reader_, closed, true), ErrorCode::not_found);
  expect_error(do_mute_thread(env(), reader_, 12345, true), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread_mutes"), 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_mutes"), 0);
  // Muted while readable, then out of reach: listed without its title, still unmutable.
  const AccountId leaver = account("leaver");
  member(leaver, closed, "Leaver Larch");
  ASSERT_TRUE(do_mute_thread(env(), leaver, inside, true).ok());
  set_status(leaver, closed, MembershipStatus::banned);
  const MutedLists lists = read_mutes(env(), leaver);
  ASSERT_EQ(lists.threads.size(), 1u);
  EXPECT_TRUE(lists.threads[0].title.empty());
  EXPECT_TRUE(lists.threads[0].group_slug.empty());
  ASSERT_TRUE(do_unmute_own_thread(env(), leaver, inside).ok());
  EXPECT_TRUE(read_mutes(env(), leaver).threads.empty());
}

}  // namespace
}  // namespace hearth
