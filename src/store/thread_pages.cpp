#include "store/thread_pages.hpp"

#include <algorithm>

namespace hearth::thread_pages {

std::optional<PostPage> page_of(Connection& c, ThreadId thread_id, PostId post_id, int branches) {
  branches = std::clamp(branches, 1, posts::max_branches_per_page);
  // The top-level reply the post hangs under (itself at depth 1); none for the opening post.
  struct Branch {
    int depth = 0;
    posts::BranchCursor at;
  };
  const auto branch = c.first<Branch>(
      "SELECT p.depth, b.created_at, b.id FROM posts p LEFT JOIN posts b ON b.id = p.branch_id"
      " WHERE p.id = ? AND p.thread_id = ?",
      {post_id, thread_id}, [](const Row& r) {
        return Branch{static_cast<int>(r.i64(0)), {r.is_null(1) ? 0 : r.i64(1), r.is_null(2) ? 0 : r.i64(2)}};
      });
  if (!branch) return std::nullopt;
  if (branch->depth == 0 || branch->at.id == 0) return PostPage{};
  // Page k (from 0) starts after the top-level reply numbered k * branches - 1 in writing
  // order; the post's branch has `before` replies ahead of it, so it is on page
  // before / branches, whose cursor is the last multiple-of-`branches` reply seen here.
  PostPage page;
  int64_t before = 0;
  c.execute(
      "SELECT created_at, id FROM posts WHERE thread_id = ? AND depth = 1 AND (created_at, id) < (?, ?)"
      " ORDER BY created_at, id",
      {thread_id, branch->at.created_at, branch->at.id}, [&](const Row& r) {
        if (++before % branches == 0) page.after = posts::BranchCursor{r.i64(0), r.i64(1)};
      });
  return page;
}

std::optional<thread_reads::PostMark> mark_of(Connection& c, ThreadId thread_id, PostId post_id) {
  return c.first<thread_reads::PostMark>("SELECT created_at, id FROM posts WHERE id = ? AND thread_id = ?",
                                         {post_id, thread_id},
                                         [](const Row& r) { return thread_reads::PostMark{r.i64(0), r.i64(1)}; });
}

}  // namespace hearth::thread_pages
