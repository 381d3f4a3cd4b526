#include "store/threads.hpp"

#include <gtest/gtest.h>

#include <set>

#include "actions/conversations_fixture.hpp"
#include "actions/reading.hpp"
#include "actions/threads.hpp"

namespace hearth {

TEST(ThreadCursor, RoundTripsAndRejectsAnythingElse) {
  const threads::Cursor cursor{true, 1'795'255'200'000, 4711};
  EXPECT_EQ(threads::format_cursor(cursor), "1.1795255200000.4711");
  const auto parsed = threads::parse_cursor("1.1795255200000.4711");
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(parsed->pinned);
  EXPECT_EQ(parsed->last_activity_at, 1'795'255'200'000);
  EXPECT_EQ(parsed->id, 4711);
  EXPECT_TRUE(threads::parse_cursor("0.0.0"));
  for (const char* bad : {"", "1", "1.2", "2.1.1", "1.2.3.4", "1..3", "1.-2.3", "1.2.x", "x.2.3", " 1.2.3", "1.2.3 ",
                          "1.+2.3", "1.2.99999999999999999999", "0.1e3.4", "1.2.3\n"}) {
    EXPECT_FALSE(threads::parse_cursor(bad)) << bad;
  }
}

class ThreadPagesTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    group_ = group(owner_, "Pagination group", "public");
  }
  threads::Page page(const std::optional<threads::Cursor>& after, int limit,
                     std::optional<AccountId> viewer = std::nullopt) {
    return store().read([&](Connection& c) { return threads::page(c, group_, viewer, after, limit); });
  }
  AccountId owner_ = 0;
  GroupId group_ = 0;
};

TEST_F(ThreadPagesTest, KeysetPagesVisitEveryThreadOnceInOrderDespiteTies) {
  // 23 threads, in runs that share last_activity_at exactly, and two pinned.
  std::vector<ThreadId> ids;
  for (int i = 0; i < 23; ++i) {
    if (i % 5 == 0) clock().advance(1'000);  // ties within each run of five
    ids.push_back(start(owner_, group_, "Thread " + std::to_string(i), "Body").thread_id);
  }
  ASSERT_TRUE(do_set_thread_pinned(env(), owner_, ids[3], true).ok());
  ASSERT_TRUE(do_set_thread_pinned(env(), owner_, ids[20], true).ok());

  std::vector<threads::Summary> all;
  std::optional<threads::Cursor> cursor;
  int pages = 0;
  do {
    auto p = page(cursor, 4);
    EXPECT_LE(p.threads.size(), 4u);
    all.insert(all.end(), p.threads.begin(), p.threads.end());
    cursor = p.next;
    // The cursor travels as text through a URL.
    if (cursor) cursor = threads::parse_cursor(threads::format_cursor(*cursor));
    ++pages;
  } while (cursor && pages < 20);
  EXPECT_EQ(pages, 6);
  ASSERT_EQ(all.size(), 23u);
  std::set<ThreadId> seen;
  for (const auto& t : all) EXPECT_TRUE(seen.insert(t.id).second) << "thread listed twice";
  EXPECT_TRUE(all[0].pinned);
  EXPECT_TRUE(all[1].pinned);
  EXPECT_EQ(all[0].id, ids[20]) << "pinned threads by activity too";
  for (std::size_t i = 1; i < all.size(); ++i) {
    const auto& a = all[i - 1];
    const auto& b = all[i];
    EXPECT_TRUE(std::tuple(a.pinned, a.last_activity_at, a.id) > std::tuple(b.pinned, b.last_activity_at, b.id))
        << "order broken at " << i;
  }
}

TEST_F(ThreadPagesTest, ActivityMovesThreadsUpAndTheLastPageHasNoCursor) {
  const auto first = start(owner_, group_, "First", "Body");
  clock().advance(10);
  const auto second = start(owner_, group_, "Second", "Body");
  auto p = page(std::nullopt, 10);
  ASSERT_EQ(p.threads.size(), 2u);
  EXPECT_EQ(p.threads[0].id, second.thread_id);
  EXPECT_FALSE(p.next);
  clock().advance(10);
  reply(owner_, first.thread_id, std::nullopt, "Bump");
  p = page(std::nullopt, 10);
  EXPECT_EQ(p.threads[0].id, first.thread_id);
  EXPECT_EQ(p.threads[0].post_count, 2);
  EXPECT_EQ(p.threads[0].last_activity_at, clock().now());
  EXPECT_EQ(p.threads[0].title, "First");
  EXPECT_EQ(p.threads[0].author.persona_name, "Pagination group Owner");
  EXPECT_EQ(p.threads[0].author.role, Role::owner);
  EXPECT_FALSE(p.threads[0].unread) << "no viewer, no unread count";
  const auto exact = page(std::nullopt, 2);
  EXPECT_FALSE(exact.next) << "a full last page has no next";
}

TEST_F(ThreadPagesTest, ViewerUnreadAndFollowing) {
  const AccountId reader = account("reader");
  member(reader, group_, "Page Reader");
  const auto t = start(owner_, group_, "Unread", "Body");
  reply(owner_, t.thread_id, std::nullopt, "More");
  auto p = page(std::nullopt, 10, reader);
  ASSERT_EQ(p.threads.size(), 1u);
  EXPECT_EQ(p.threads[0].unread, 2);
  EXPECT_FALSE(p.threads[0].following);
  ASSERT_TRUE(do_mark_thread_read(env(), reader, t.thread_id).ok());
  ASSERT_TRUE(do_follow_thread(env(), reader, t.thread_id, true).ok());
  p = page(std::nullopt, 10, reader);
  EXPECT_EQ(p.threads[0].unread, 0);
  EXPECT_TRUE(p.threads[0].following);
}

TEST_F(ThreadPagesTest, ThreadsOfOtherGroupsNeverAppear) {
  const GroupId other = group(owner_, "Other group", "hidden");
  start(owner_, other, "Elsewhere", "Body");
  start(owner_, group_, "Here", "Body");
  const auto p = page(std::nullopt, 10);
  ASSERT_EQ(p.threads.size(), 1u);
  EXPECT_EQ(p.threads[0].title, "Here");
}

TEST_F(ThreadPagesTest, PagesReadTheIndexWithoutSortingOrOffset) {
  HEARTH_SQLITE_ONLY("EXPLAIN QUERY PLAN is SQLite's; PostgreSQL plans small test tables as sequential scans");
  const auto plan = store().read([&](Connection& c) {
    std::string text;
    c.execute(
        "EXPLAIN QUERY PLAN SELECT t.id FROM threads t WHERE t.group_id = ? AND (t.pinned, t.last_activity_at, t.id) < "
        "(?, ?, ?)"
        " ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT ?",
        {group_, int64_t{2}, int64_t{0}, int64_t{0}, int64_t{10}}, [&](const Row& r) { text += r.text(3) + "\n"; });
    return text;
  });
  EXPECT_NE(plan.find("threads_by_activity"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

TEST_F(ThreadPagesTest, AnonymousLabelsAreHandedOutInOrder) {
  const auto t = start(owner_, group_, "Labels", "Body");
  const AccountId a = account("a1"), b = account("b1"), c = account("c1");
  store().write([&](Connection& conn) {
    EXPECT_EQ(threads::anonymous_label_for(conn, t.thread_id, group_, a), "A");
    EXPECT_EQ(threads::anonymous_label_for(conn, t.thread_id, group_, b), "B");
    EXPECT_EQ(threads::anonymous_label_for(conn, t.thread_id, group_, a), "A");
    EXPECT_EQ(threads::anonymous_label_for(conn, t.thread_id, group_, c), "C");
  });
}

}  // namespace hearth
