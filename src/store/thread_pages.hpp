#pragma once
// Where a post sits among the pages of its thread. The thread page shows a fixed number
// of top-level replies per page, each with all its replies, in the order they were
// written (posts::thread_view with a BranchCursor); a link to a post beyond the first page
// must carry the cursor of the page that shows it, or its #post-N anchor finds nothing.
#include <optional>

#include "domain/conversation.hpp"
#include "store/database.hpp"
#include "store/posts.hpp"
#include "store/thread_reads.hpp"

namespace hearth::thread_pages {

struct PostPage {
  std::optional<posts::BranchCursor> after;  // nothing: the first page
};

// The page that shows post `post_id` of thread `thread_id` when pages hold `branches`
// top-level replies: the same pages as following "More replies" from the first. Nothing
// when the post isn't in that thread. Reads the top-level replies written before the
// post's own (a few dozen for most threads), on posts_thread.
std::optional<PostPage> page_of(Connection& c, ThreadId thread_id, PostId post_id, int branches);

// The post's place in the order its thread's posts were written; nothing when it isn't a
// post of that thread.
std::optional<thread_reads::PostMark> mark_of(Connection& c, ThreadId thread_id, PostId post_id);

}  // namespace hearth::thread_pages
