#pragma once
// The thread page's posts: each post as an <article>, replies as nested lists (depth at
// most 3, so screen readers announce the nesting level), reactions, and the reply form
// under the post being answered.
//
// Kept small on purpose (a thread page with 50 replies must weigh under 30 KB): reaction
// buttons share one form per page (<button form="rx">), so no post repeats a CSRF token.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/html.hpp"
#include "policy/group_access.hpp"
#include "store/posts.hpp"
#include "web/time_views.hpp"

namespace hearth {

struct PostTreeContext {
  const Group& group;
  const GroupViewer& viewer;
  bool can_react = false;
  bool can_reply = false;
  std::string page_query;  // "after=…" on later pages, kept by reply links; else ""
  std::optional<PostId> reply_to;
  std::function<void(Html&)> reply_form;  // rendered under the post `reply_to`
  const TimeFormatter& time;
};

// The form that reaction buttons submit (`id="rx"`): once per page, outside other forms.
void reactions_form(Html& h, const PageContext& context, const Group& group, ThreadId thread_id,
                    const std::string& after);

// One post (the opening post, or a reply).
void post_article(Html& h, const posts::PostView& post, const PostTreeContext& tree);
// The replies (every post but the opening one) as nested lists.
void reply_tree(Html& h, const std::vector<posts::PostView>& posts, const PostTreeContext& tree);

// Whether the viewer wrote the post, as policy lets the page know it.
bool viewer_wrote(const posts::PostView& post, const GroupViewer& viewer);

}  // namespace hearth
