#include "actions/change_feed.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(ChangeFeedTest, ASnapshotStaysUnchangedUntilItsGroupOrThreadChanges) {
  ChangeFeed feed;
  const auto snapshot = feed.snapshot(11, 22);
  EXPECT_TRUE(feed.unchanged_since(snapshot));

  feed.thread_changed(22);
  EXPECT_FALSE(feed.unchanged_since(snapshot));
  const auto after_reply = feed.snapshot(11, 22);
  EXPECT_TRUE(feed.unchanged_since(after_reply));

  feed.group_changed(11);
  EXPECT_FALSE(feed.unchanged_since(after_reply));
  const auto after_rename = feed.snapshot(11, 22);

  feed.everything_changed();
  EXPECT_FALSE(feed.unchanged_since(after_rename));
}

TEST(ChangeFeedTest, OtherGroupsAndThreadsLeaveASnapshotAloneUnlessTheyShareItsBucket) {
  ChangeFeed feed;
  const auto snapshot = feed.snapshot(1, 2);
  int changed = 0;
  // Sharing a bucket only costs a re-render; with 8192 buckets it is rare.
  for (int64_t id = 1000; id < 1100; ++id) {
    feed.thread_changed(id);
    feed.group_changed(id);
    if (!feed.unchanged_since(snapshot)) {
      ++changed;
      break;
    }
  }
  EXPECT_EQ(changed, 0);
}

TEST(ChangeFeedTest, LargeRandomIdsSpreadOverBuckets) {
  ChangeFeed feed;
  // Random 63-bit ids (as Hearth uses) must not all land on one bucket.
  const auto snapshot = feed.snapshot(0x1234'5678'9abc'def0, 0x0fed'cba9'8765'4321);
  feed.thread_changed(0x0fed'cba9'8765'4320);
  feed.group_changed(0x1234'5678'9abc'def1);
  EXPECT_TRUE(feed.unchanged_since(snapshot));
}

}  // namespace
}  // namespace hearth
