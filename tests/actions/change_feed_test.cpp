#include "actions/change_feed.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

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


// --- Live streams: listeners and their topics ---

using Topic = ChangeFeed::Topic;

struct Counting {
  std::atomic<int> wakes{0};
  std::function<void()> wake() {
    return [this] { wakes.fetch_add(1); };
  }
};

TEST(ChangeFeedListenTest, AListenerIsWokenByItsTopicsOnly) {
  ChangeFeed feed;
  Counting thread_watcher, group_watcher;
  auto a = feed.listen(thread_watcher.wake());
  a->listen({{Topic::thread, 22}, {Topic::group, 11}});
  auto b = feed.listen(group_watcher.wake());
  b->listen({{Topic::group, 11}});

  feed.thread_changed(22);
  EXPECT_EQ(thread_watcher.wakes, 1);
  EXPECT_EQ(group_watcher.wakes, 0);
  feed.group_changed(11);
  EXPECT_EQ(thread_watcher.wakes, 2);
  EXPECT_EQ(group_watcher.wakes, 1);
  feed.thread_changed(23);
  feed.group_changed(12);
  feed.account_changed(22);  // same number, another topic
  EXPECT_EQ(thread_watcher.wakes, 2);
  EXPECT_EQ(group_watcher.wakes, 1);
}

TEST(ChangeFeedListenTest, ListenReplacesTheTopicsAndNoTopicsMeansNoWakes) {
  ChangeFeed feed;
  Counting counting;
  auto listener = feed.listen(counting.wake());
  feed.thread_changed(1);
  EXPECT_EQ(counting.wakes, 0);
  listener->listen({{Topic::thread, 1}, {Topic::thread, 1}});  // twice counts once
  feed.thread_changed(1);
  EXPECT_EQ(counting.wakes, 1);
  listener->listen({{Topic::thread, 2}});
  feed.thread_changed(1);
  feed.thread_changed(2);
  EXPECT_EQ(counting.wakes, 2);
  EXPECT_EQ(listener->keys().size(), 1u);
}

TEST(ChangeFeedListenTest, ADestroyedListenerIsNeverWokenAgain) {
  ChangeFeed feed;
  Counting counting;
  auto listener = feed.listen(counting.wake());
  listener->listen({{Topic::thread, 5}, {Topic::account, 6}});
  EXPECT_EQ(feed.listener_count(), 1u);
  listener.reset();
  EXPECT_EQ(feed.listener_count(), 0u);
  feed.thread_changed(5);
  feed.account_changed(6);
  feed.everything_changed();
  EXPECT_EQ(counting.wakes, 0);
}

TEST(ChangeFeedListenTest, AThreadChangeWakesItsGroupsActivityWhenTheGroupIsKnown) {
  ChangeFeed feed;
  Counting activity, settings;
  auto a = feed.listen(activity.wake());
  a->listen({{Topic::group_activity, 7}});
  auto s = feed.listen(settings.wake());
  s->listen({{Topic::group, 7}});

  feed.thread_changed(70);  // nothing said which group thread 70 is in
  EXPECT_EQ(activity.wakes, 0);
  feed.note_thread_group(70, 7);  // inside the transaction
  feed.thread_changed(70);        // after the commit
  EXPECT_EQ(activity.wakes, 1);
  feed.thread_changed(70);  // the note is used once
  EXPECT_EQ(activity.wakes, 1);
  feed.thread_changed(71, 7);  // another node's notification carries the group
  EXPECT_EQ(activity.wakes, 2);
  EXPECT_EQ(settings.wakes, 0) << "posts are not settings";
  feed.group_changed(7);
  EXPECT_EQ(activity.wakes, 2);
  EXPECT_EQ(settings.wakes, 1);
}

TEST(ChangeFeedListenTest, EverythingChangedWakesEveryone) {
  ChangeFeed feed;
  Counting one, two;
  auto a = feed.listen(one.wake());
  a->listen({{Topic::thread, 1}});
  auto b = feed.listen(two.wake());
  b->listen({{Topic::account, 2}, {Topic::group, 3}});
  feed.everything_changed();
  EXPECT_EQ(one.wakes, 1);
  EXPECT_EQ(two.wakes, 2);  // once per topic: wakes are nudges, and count as one
}

TEST(ChangeFeedListenTest, ListenersComeAndGoWhileChangesAreReported) {
  ChangeFeed feed;
  std::atomic<bool> done{false};
  std::vector<std::thread> reporters;
  for (int t = 0; t < 2; ++t) {
    reporters.emplace_back([&, t] {
      for (int64_t i = 0; !done; ++i) {
        feed.thread_changed(i % 8);
        feed.group_changed(t);
      }
    });
  }
  std::atomic<int> wakes{0};
  for (int round = 0; round < 2000; ++round) {
    auto listener = feed.listen([&] { wakes.fetch_add(1); });
    listener->listen({{Topic::thread, round % 8}, {Topic::group, round % 2}});
    if (round % 3 == 0) listener->listen({{Topic::thread, (round + 1) % 8}});
  }
  done = true;
  for (auto& reporter : reporters) reporter.join();
  EXPECT_EQ(feed.listener_count(), 0u);
}

// --- Several nodes: what this node publishes, and what it applies from the others ---

TEST(ChangeFeedNodesTest, EveryLocalChangeIsPublishedWithWhatTheFeedKnows) {
  ChangeFeed feed;
  std::vector<ChangeNotice> published;
  feed.publish_to([&](const ChangeNotice& notice) { published.push_back(notice); });
  feed.note_thread_group(22, 11);  // inside the write transaction (record_thread_event)
  feed.thread_changed(22);
  feed.thread_changed(23);  // no note: the group is unknown
  feed.group_changed(11);
  feed.account_changed(5);
  feed.everything_changed();
  using Kind = ChangeNotice::Kind;
  const std::vector<ChangeNotice> expected = {{Kind::thread, 22, 11},
                                              {Kind::thread, 23, 0},
                                              {Kind::group, 11, 0},
                                              {Kind::account, 5, 0},
                                              {Kind::everything, 0, 0}};
  EXPECT_EQ(published, expected);
}

TEST(ChangeFeedNodesTest, AnotherNodesChangeWakesAndStalesHereWithoutBeingPublishedAgain) {
  ChangeFeed feed;
  int published = 0;
  feed.publish_to([&](const ChangeNotice&) { ++published; });
  Counting thread_watcher, activity_watcher, group_watcher, account_watcher;
  auto t = feed.listen(thread_watcher.wake());
  t->listen({{Topic::thread, 22}});
  auto ga = feed.listen(activity_watcher.wake());
  ga->listen({{Topic::group_activity, 11}});
  auto g = feed.listen(group_watcher.wake());
  g->listen({{Topic::group, 11}});
  auto a = feed.listen(account_watcher.wake());
  a->listen({{Topic::account, 5}});
  const auto snapshot = feed.snapshot(11, 22);

  using Kind = ChangeNotice::Kind;
  feed.apply_remote({Kind::thread, 22, 11});
  EXPECT_EQ(thread_watcher.wakes, 1);
  EXPECT_EQ(activity_watcher.wakes, 1);
  EXPECT_EQ(group_watcher.wakes, 0);
  EXPECT_FALSE(feed.unchanged_since(snapshot));

  const auto after_reply = feed.snapshot(11, 22);
  feed.apply_remote({Kind::group, 11, 0});
  EXPECT_EQ(group_watcher.wakes, 1);
  EXPECT_FALSE(feed.unchanged_since(after_reply));
  feed.apply_remote({Kind::account, 5, 0});
  EXPECT_EQ(account_watcher.wakes, 1);

  const auto before_everything = feed.snapshot(11, 22);
  feed.apply_remote({});
  EXPECT_FALSE(feed.unchanged_since(before_everything));
  EXPECT_EQ(thread_watcher.wakes, 2);
  EXPECT_EQ(account_watcher.wakes, 2);
  EXPECT_EQ(published, 0);
}

}  // namespace
}  // namespace hearth
