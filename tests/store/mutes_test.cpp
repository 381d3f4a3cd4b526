#include "store/mutes.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "store/memberships.hpp"
#include "store/thread_reads.hpp"

namespace hearth {
namespace {

class MutesTest : public testing::ConversationTest {};

TEST_F(MutesTest, MutedThreadsAndGroupsLeaveTheUnreadCountsAndTheFeed) {
  const AccountId owner = account("owner"), reader = account("reader");
  const GroupId g = group(owner, "Circle", "public");
  member(reader, g, "Reader Rowan");
  const ThreadId first = start(owner, g, "First", "One").thread_id;
  const ThreadId second = start(owner, g, "Second", "Two").thread_id;
  const auto unread = [&] {
    return store().read([&](Connection& c) { return memberships::groups_of(c, reader).at(0).unread_threads; });
  };
  const auto feed = [&] {
    return store().read([&](Connection& c) { return thread_reads::feed(c, reader, {g}, 0, 10).size(); });
  };
  EXPECT_EQ(unread(), 2);
  EXPECT_EQ(feed(), 2u);
  EXPECT_TRUE(store().write([&](Connection& c) { return mutes::mute_thread(c, reader, first, g, 5); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return mutes::mute_thread(c, reader, first, g, 6); }));
  EXPECT_EQ(unread(), 1);
  EXPECT_EQ(feed(), 1u);
  EXPECT_TRUE(store().write([&](Connection& c) { return mutes::mute_group(c, reader, g, 7); }));
  EXPECT_EQ(unread(), 0);
  EXPECT_EQ(feed(), 0u);
  store().read([&](Connection& c) {
    EXPECT_TRUE(mutes::thread_muted(c, reader, first));
    EXPECT_FALSE(mutes::thread_muted(c, reader, second));
    EXPECT_FALSE(mutes::thread_muted(c, owner, first));
    EXPECT_TRUE(mutes::group_muted(c, reader, g));
    EXPECT_EQ(mutes::muted_groups(c, reader), std::vector<GroupId>{g});
    ASSERT_EQ(mutes::muted_thread_list(c, reader).size(), 1u);
    EXPECT_EQ(mutes::muted_thread_list(c, reader)[0].muted_at, 5);
    EXPECT_EQ(mutes::muted_group_list(c, reader).at(0).group_id, g);
    // The owner's counts never moved.
    EXPECT_EQ(thread_reads::feed(c, owner, {g}, 0, 10).size(), 0u);  // the owner read both
  });
  EXPECT_TRUE(store().write([&](Connection& c) { return mutes::unmute_group(c, reader, g); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return mutes::unmute_group(c, reader, g); }));
  EXPECT_EQ(unread(), 1);
  EXPECT_TRUE(store().write([&](Connection& c) { return mutes::unmute_thread(c, reader, first); }));
  EXPECT_EQ(unread(), 2);
}

}  // namespace
}  // namespace hearth
