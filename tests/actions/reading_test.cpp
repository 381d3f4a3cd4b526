#include "actions/reading.hpp"

#include <gtest/gtest.h>

#include "actions/conversations.hpp"
#include "actions/conversations_fixture.hpp"
#include "store/thread_reads.hpp"

namespace hearth {

class ReadingTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    lurker_ = account("lurker");
    group_ = group(owner_, "Early career teachers", "public");
    member(alice_, group_, "Chalk Dust");
    member(lurker_, group_, "Silent Owl");
  }
  std::optional<threads::Summary> summary_for(ThreadId id, AccountId viewer) {
    const auto page = read_thread(env(), id, viewer, std::nullopt, 50);
    return page ? std::optional(page->summary) : std::nullopt;
  }
  AccountId owner_ = 0, alice_ = 0, lurker_ = 0;
  GroupId group_ = 0;
};

TEST_F(ReadingTest, UnreadCountsFollowNewPostsAndMarkRead) {
  const auto t = start(alice_, group_, "First term", "Survival tips?");
  EXPECT_EQ(summary_for(t.thread_id, lurker_)->unread, 1) << "never opened: everything is new";
  EXPECT_EQ(summary_for(t.thread_id, alice_)->unread, 0) << "the author has read their own post";
  ASSERT_TRUE(do_mark_thread_read(env(), lurker_, t.thread_id).ok());
  EXPECT_EQ(summary_for(t.thread_id, lurker_)->unread, 0);
  reply(owner_, t.thread_id, std::nullopt, "Sleep.");
  reply(alice_, t.thread_id, std::nullopt, "Thanks!");
  reply(owner_, t.thread_id, std::nullopt, "And eat.");
  EXPECT_EQ(summary_for(t.thread_id, lurker_)->unread, 3) << "\"3 new\"";
  EXPECT_EQ(summary_for(t.thread_id, alice_)->unread, 1);
  ASSERT_TRUE(do_mark_thread_read(env(), lurker_, t.thread_id).ok());
  EXPECT_EQ(summary_for(t.thread_id, lurker_)->unread, 0);
  const auto guest_page = read_thread(env(), t.thread_id, std::nullopt, std::nullopt, 50);
  EXPECT_FALSE(guest_page->summary.unread) << "a guest has no unread markers";
}

TEST_F(ReadingTest, MarkReadNeedsReadAccessOnly) {
  const auto t = start(alice_, group_, "Open", "Anyone can read");
  const AccountId visitor = account("visitor");
  EXPECT_TRUE(do_mark_thread_read(env(), visitor, t.thread_id).ok()) << "public content: any reader";
  const GroupId priv = group(owner_, "Private staffroom", "private");
  const auto inside = start(owner_, priv, "Inside", "Members only");
  expect_error(do_mark_thread_read(env(), visitor, inside.thread_id), ErrorCode::not_found);
  expect_error(do_mark_thread_read(env(), visitor, 4242), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM thread_reads WHERE account_id = ?", {visitor}), 1);
}

TEST_F(ReadingTest, MembersFollowAndUnfollow) {
  const auto t = start(alice_, group_, "Follow me", "Text");
  ASSERT_TRUE(do_follow_thread(env(), lurker_, t.thread_id, true).ok());
  EXPECT_TRUE(summary_for(t.thread_id, lurker_)->following);
  EXPECT_EQ(summary_for(t.thread_id, lurker_)->unread, 1) << "following doesn't mark anything read";
  auto followers = store().read([&](Connection& c) { return thread_reads::followers(c, t.thread_id); });
  EXPECT_EQ(followers.size(), 2u) << "the author and the lurker";
  ASSERT_TRUE(do_follow_thread(env(), lurker_, t.thread_id, false).ok());
  EXPECT_FALSE(summary_for(t.thread_id, lurker_)->following);
  const AccountId visitor = account("visitor");
  expect_error(do_follow_thread(env(), visitor, t.thread_id, true), ErrorCode::forbidden);
  const GroupId hidden = group(owner_, "Hidden staffroom", "hidden");
  const auto secret = start(owner_, hidden, "Secret", "Secret");
  expect_error(do_follow_thread(env(), lurker_, secret.thread_id, true), ErrorCode::not_found);
}

TEST_F(ReadingTest, HomeFeedShowsUnreadActivityAcrossMyGroupsNewestFirst) {
  const GroupId second = group(owner_, "Second group", "private");
  member(lurker_, second, "Silent Owl Two");
  const GroupId not_mine = group(owner_, "Not mine", "public");
  const GroupId banned_from = group(owner_, "Banned from", "public");
  member(lurker_, banned_from, "Silent Owl Three", MembershipStatus::banned);
  const auto a = start(alice_, group_, "Older", "Text");
  clock().advance(1'000);
  const auto b = start(owner_, second, "Newer", "Text");
  clock().advance(1'000);
  start(owner_, not_mine, "Elsewhere", "Text");
  start(owner_, banned_from, "Banned", "Text");
  const auto read_one = start(alice_, group_, "Already read", "Text");
  ASSERT_TRUE(do_mark_thread_read(env(), lurker_, read_one.thread_id).ok());

  auto feed = read_home_feed(env(), lurker_, 10);
  ASSERT_EQ(feed.size(), 2u);
  EXPECT_EQ(feed[0].thread_id, b.thread_id);
  EXPECT_EQ(feed[0].group_name, "Second group");
  EXPECT_EQ(feed[0].unread, 1);
  EXPECT_EQ(feed[1].thread_id, a.thread_id);

  clock().advance(1'000);
  reply(alice_, a.thread_id, std::nullopt, "Bump");
  feed = read_home_feed(env(), lurker_, 10);
  ASSERT_EQ(feed.size(), 2u);
  EXPECT_EQ(feed[0].thread_id, a.thread_id) << "new activity moves a thread up";
  EXPECT_EQ(feed[0].unread, 2);
  EXPECT_EQ(read_home_feed(env(), lurker_, 1).size(), 1u);

  // Old activity falls out of the feed's window.
  clock().advance(int64_t{31} * 24 * 3600 * 1000);
  EXPECT_TRUE(read_home_feed(env(), lurker_, 10).empty());
}

}  // namespace hearth
