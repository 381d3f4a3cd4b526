#include "store/thread_events.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"

namespace hearth {
namespace {

class ThreadEventsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    group_ = group(owner_, "Events group", "public");
    thread_ = start(owner_, group_, "A conversation", "Hello").thread_id;
    other_ = start(owner_, group_, "Another", "Hello").thread_id;
  }
  int64_t record(ThreadId thread, thread_events::Kind kind, PostId post) {
    return store().write(
        [&](Connection& c) { return thread_events::record(c, kind, thread, group_, post, clock().now()); });
  }
  std::vector<thread_events::Event> after(ThreadId thread, int64_t seq, int limit = 100) {
    return store().read([&](Connection& c) { return thread_events::after(c, thread, seq, limit); });
  }
  int64_t last(ThreadId thread) {
    return store().read([&](Connection& c) { return thread_events::last_seq(c, thread); });
  }

  AccountId owner_ = 0;
  GroupId group_ = 0;
  ThreadId thread_ = 0;
  ThreadId other_ = 0;
};

TEST(ThreadEventKinds, NamesRoundTrip) {
  for (auto kind : {thread_events::Kind::thread, thread_events::Kind::reply, thread_events::Kind::edit,
                    thread_events::Kind::removal, thread_events::Kind::reaction}) {
    EXPECT_EQ(thread_events::parse_kind(thread_events::kind_name(kind)), kind);
  }
  EXPECT_FALSE(thread_events::parse_kind("Reply"));
  EXPECT_FALSE(thread_events::parse_kind(""));
}

TEST_F(ThreadEventsTest, EachThreadNumbersItsOwnEventsFromOne) {
  // Starting the threads already recorded their opening posts.
  const int64_t base = last(thread_);
  const int64_t other_base = last(other_);
  EXPECT_EQ(record(thread_, thread_events::Kind::reply, 11), base + 1);
  EXPECT_EQ(record(thread_, thread_events::Kind::edit, 11), base + 2);
  EXPECT_EQ(record(other_, thread_events::Kind::reply, 12), other_base + 1);
  EXPECT_EQ(last(thread_), base + 2);
  EXPECT_EQ(last(other_), other_base + 1);
  EXPECT_EQ(last(987654321), 0) << "a thread without events";
}

TEST_F(ThreadEventsTest, AfterReadsInOrderFromAPositionWithALimit) {
  const int64_t base = last(thread_);
  record(thread_, thread_events::Kind::reply, 21);
  clock().advance(5);
  record(thread_, thread_events::Kind::reaction, 21);
  record(thread_, thread_events::Kind::removal, 22);
  record(other_, thread_events::Kind::reply, 99);

  auto events = after(thread_, base);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].seq, base + 1);
  EXPECT_EQ(events[0].kind, thread_events::Kind::reply);
  EXPECT_EQ(events[0].post_id, 21);
  EXPECT_EQ(events[0].thread_id, thread_);
  EXPECT_EQ(events[0].group_id, group_);
  EXPECT_EQ(events[1].kind, thread_events::Kind::reaction);
  EXPECT_EQ(events[1].created_at, events[0].created_at + 5);
  EXPECT_EQ(events[2].kind, thread_events::Kind::removal);
  EXPECT_EQ(events[2].post_id, 22);

  EXPECT_EQ(after(thread_, base + 1).size(), 2u);
  EXPECT_EQ(after(thread_, base, 1).size(), 1u);
  EXPECT_TRUE(after(thread_, base + 3).empty());
}

TEST_F(ThreadEventsTest, ARolledBackTransactionLeavesNoEventAndTakesNoNumber) {
  const int64_t base = last(thread_);
  EXPECT_THROW(store().write([&](Connection& c) {
    thread_events::record(c, thread_events::Kind::reply, thread_, group_, 31, clock().now());
    throw std::runtime_error("the action failed after recording");
  }),
               std::runtime_error);
  EXPECT_EQ(last(thread_), base);
  EXPECT_TRUE(after(thread_, base).empty());
  EXPECT_EQ(record(thread_, thread_events::Kind::reply, 32), base + 1);
}

TEST_F(ThreadEventsTest, PruneRemovesOldEventsButNumbersGoOn) {
  const int64_t base = last(thread_);
  record(thread_, thread_events::Kind::reply, 41);
  clock().advance(thread_events::kept_for_ms + 1000);
  record(thread_, thread_events::Kind::reply, 42);
  const int64_t removed = store().write(
      [&](Connection& c) { return thread_events::prune(c, clock().now() - thread_events::kept_for_ms); });
  EXPECT_GE(removed, 1);  // the old reply (and the opening posts' events, as old)
  auto events = after(thread_, base);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].post_id, 42);
  EXPECT_EQ(events[0].seq, base + 2) << "a gap tells a late client what it missed";
  EXPECT_EQ(record(thread_, thread_events::Kind::reply, 43), base + 3);
}

TEST_F(ThreadEventsTest, RecordingPrunesEveryNowAndThen) {
  record(thread_, thread_events::Kind::reply, 51);
  const int64_t old_seq = last(thread_);
  clock().advance(thread_events::kept_for_ms + 1000);
  // Within the next 64 events of the thread, one prunes.
  for (int i = 0; i < 64; ++i) record(thread_, thread_events::Kind::reaction, 52);
  auto events = after(thread_, 0, 1000);
  ASSERT_FALSE(events.empty());
  EXPECT_GT(events.front().seq, old_seq);
}

}  // namespace
}  // namespace hearth
