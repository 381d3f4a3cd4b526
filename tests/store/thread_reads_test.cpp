#include "store/thread_reads.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"

namespace hearth {

class ThreadReadsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    reader_ = account("reader");
    a_ = group(owner_, "Group A", "public");
    b_ = group(owner_, "Group B", "public");
  }
  AccountId owner_ = 0, reader_ = 0;
  GroupId a_ = 0, b_ = 0;
};

TEST_F(ThreadReadsTest, SeenCountNeverMovesBackwards) {
  const auto t = start(owner_, a_, "T", "B");
  store().write([&](Connection& c) {
    thread_reads::mark_seen(c, reader_, t.thread_id, a_, 5, 1);
    thread_reads::mark_seen(c, reader_, t.thread_id, a_, 3, 2);
  });
  const auto state = store().read([&](Connection& c) { return thread_reads::find(c, reader_, t.thread_id); });
  EXPECT_EQ(state->seen_post_count, 5);
  store().write([&](Connection& c) { thread_reads::set_following(c, reader_, t.thread_id, a_, true, 3); });
  const auto after = store().read([&](Connection& c) { return thread_reads::find(c, reader_, t.thread_id); });
  EXPECT_EQ(after->seen_post_count, 5) << "following keeps the read state";
  EXPECT_TRUE(after->following);
}

TEST_F(ThreadReadsTest, FirstUnseenIsThePostAfterTheSeenOnesInWritingOrder) {
  const auto t = start(owner_, a_, "T", "B");
  std::vector<PostId> posts{t.post_id};
  for (int i = 0; i < 4; ++i) {
    clock().advance(10);
    posts.push_back(reply(owner_, t.thread_id, i % 2 ? std::optional<PostId>(posts[1]) : std::nullopt, "R"));
  }
  const auto first_unseen = [&](int64_t seen) {
    return store().read([&](Connection& c) { return thread_reads::first_unseen(c, t.thread_id, seen); });
  };
  for (int64_t seen = 0; seen < 5; ++seen) {
    const auto mark = first_unseen(seen);
    ASSERT_TRUE(mark) << seen;
    EXPECT_EQ(mark->id, posts[static_cast<std::size_t>(seen)]) << seen;
  }
  EXPECT_FALSE(first_unseen(5)) << "everything seen";
  EXPECT_FALSE(first_unseen(9));
  EXPECT_FALSE(store().read([&](Connection& c) { return thread_reads::first_unseen(c, 12345, 0); }));
}

TEST_F(ThreadReadsTest, FirstUnseenCountsOnlyPublishedPosts) {
  const auto t = start(owner_, a_, "T", "B");
  std::vector<PostId> posts{t.post_id};
  for (int i = 0; i < 4; ++i) {
    clock().advance(10);
    posts.push_back(reply(owner_, t.thread_id, std::nullopt, "R"));
  }
  // The third reply waits for a moderator: it isn't in post_count, which counts what readers see.
  store().write([&](Connection& c) {
    c.run("UPDATE posts SET held_at = 1 WHERE id = ?", {posts[3]});
    c.run("UPDATE threads SET post_count = post_count - 1 WHERE id = ?", {t.thread_id});
  });
  const auto first_unseen = [&](int64_t seen) {
    return store().read([&](Connection& c) { return thread_reads::first_unseen(c, t.thread_id, seen); });
  };
  EXPECT_EQ(first_unseen(3)->id, posts[4]) << "the held reply is not where reading resumes";
  EXPECT_EQ(first_unseen(2)->id, posts[2]);
  EXPECT_FALSE(first_unseen(4));
}

TEST_F(ThreadReadsTest, FeedMergesGroupsNewestFirstWithinTheLimit) {
  std::vector<ThreadId> made;
  for (int i = 0; i < 6; ++i) {
    clock().advance(100);
    made.push_back(start(owner_, i % 2 ? b_ : a_, "T" + std::to_string(i), "B").thread_id);
  }
  const auto feed = store().read([&](Connection& c) { return thread_reads::feed(c, reader_, {a_, b_}, 0, 4); });
  ASSERT_EQ(feed.size(), 4u);
  EXPECT_EQ(feed[0].thread_id, made[5]);
  EXPECT_EQ(feed[1].thread_id, made[4]);
  EXPECT_EQ(feed[2].thread_id, made[3]);
  EXPECT_EQ(feed[3].thread_id, made[2]);
  EXPECT_EQ(feed[0].group_name, "Group B");
  EXPECT_EQ(feed[1].group_slug, "group-a");
  EXPECT_EQ(feed[0].unread, 1);
  const auto only_a = store().read([&](Connection& c) { return thread_reads::feed(c, reader_, {a_}, 0, 10); });
  EXPECT_EQ(only_a.size(), 3u) << "only the groups passed in";
  const auto none = store().read([&](Connection& c) { return thread_reads::feed(c, reader_, {}, 0, 10); });
  EXPECT_TRUE(none.empty());
}

}  // namespace hearth
