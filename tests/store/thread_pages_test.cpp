#include "store/thread_pages.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "actions/conversations_fixture.hpp"
#include "store/threads.hpp"

namespace hearth {

class PostPageTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    group_ = group(owner_, "Group", "public");
    thread_ = start(owner_, group_, "T", "Opening");
    // Five top-level replies, each answered twice (one answer nested a level deeper).
    for (int i = 0; i < 5; ++i) {
      clock().advance(10);
      const PostId top = reply(owner_, thread_.thread_id, std::nullopt, "Top " + std::to_string(i));
      clock().advance(10);
      const PostId answer = reply(owner_, thread_.thread_id, top, "Answer " + std::to_string(i));
      clock().advance(10);
      const PostId deeper = reply(owner_, thread_.thread_id, answer, "Deeper " + std::to_string(i));
      branches_.push_back({top, answer, deeper});
    }
  }

  std::optional<thread_pages::PostPage> page_of(PostId post, int branches = 2) {
    return store().read([&](Connection& c) { return thread_pages::page_of(c, thread_.thread_id, post, branches); });
  }

  // Whether the thread page at `after` (pages of `branches`) shows the post.
  bool shown(const std::optional<posts::BranchCursor>& after, PostId post, int branches = 2) {
    const auto view = store().read([&](Connection& c) {
      const auto thread = threads::find(c, thread_.thread_id);
      return posts::thread_view(c, *thread, std::nullopt, after, branches);
    });
    return std::any_of(view.posts.begin(), view.posts.end(), [&](const auto& p) { return p.id == post; });
  }

  posts::BranchCursor cursor_of(PostId id) {
    const auto post = store().read([&](Connection& c) { return posts::find(c, id); });
    return {post->created_at, post->id};
  }

  AccountId owner_ = 0;
  GroupId group_ = 0;
  NewThread thread_;
  std::vector<std::array<PostId, 3>> branches_;
};

TEST_F(PostPageTest, FirstPageHasNoCursor) {
  for (const PostId post : {thread_.post_id, branches_[0][0], branches_[1][2]}) {
    const auto page = page_of(post);
    ASSERT_TRUE(page);
    EXPECT_FALSE(page->after) << post;
  }
}

TEST_F(PostPageTest, LaterPagesFollowTheMoreRepliesCursors) {
  // Pages of two branches: {0, 1}, {2, 3}, {4}; "More replies" from a page is its last branch.
  for (int b = 2; b < 5; ++b) {
    const posts::BranchCursor expected = cursor_of(branches_[b < 4 ? 1 : 3][0]);
    for (const PostId post : branches_[static_cast<std::size_t>(b)]) {
      const auto page = page_of(post);
      ASSERT_TRUE(page && page->after) << "branch " << b;
      EXPECT_EQ(page->after->created_at, expected.created_at);
      EXPECT_EQ(page->after->id, expected.id);
      EXPECT_TRUE(shown(page->after, post)) << "branch " << b;
    }
  }
  // With pages of three: the fourth and fifth branches are on the second page.
  const auto page = page_of(branches_[4][2], 3);
  ASSERT_TRUE(page && page->after);
  EXPECT_EQ(page->after->id, branches_[2][0]);
  EXPECT_TRUE(shown(page->after, branches_[4][2], 3));
  EXPECT_FALSE(shown(std::nullopt, branches_[4][2], 3)) << "the post really is beyond the first page";
}

TEST_F(PostPageTest, PostsOfOtherThreadsHaveNoPage) {
  const auto other = start(owner_, group_, "Other", "Body");
  const PostId elsewhere = reply(owner_, other.thread_id, std::nullopt, "Elsewhere");
  EXPECT_FALSE(page_of(elsewhere));
  EXPECT_FALSE(page_of(987654321));
  EXPECT_FALSE(store().read([&](Connection& c) { return thread_pages::mark_of(c, thread_.thread_id, elsewhere); }));
  const auto mark = store().read([&](Connection& c) { return thread_pages::mark_of(c, other.thread_id, elsewhere); });
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->id, elsewhere);
  EXPECT_EQ(mark->created_at, cursor_of(elsewhere).created_at);
}

}  // namespace hearth
