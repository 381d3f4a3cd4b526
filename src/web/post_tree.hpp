#pragma once
// The thread page's posts: each post as an <article>, replies as nested lists (depth at
// most 3, so screen readers announce the nesting level), reactions, and the reply form
// under the post being answered.
//
// Kept small on purpose (DESIGN.md: a thread page with 50 replies weighs under 30 KB):
//  - reaction buttons share one form per page (<button form=rx>), so no post repeats a
//    CSRF token;
//  - a reply shows its reaction counts and one "React or reply" link; the three buttons
//    open under that one reply, above its reply form (?to=ID). Three toggle buttons
//    on each of 50 replies alone weigh about 15 KB. The opening post, which most support
//    goes to, keeps its buttons open;
//  - attribute values that are digits or fixed words go unquoted, and links to the
//    group's pages are relative to the page (`group_base`).
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/html.hpp"
#include "policy/blocking.hpp"
#include "policy/group_access.hpp"
#include "safety/mute_matcher.hpp"
#include "store/posts.hpp"
#include "store/thread_reads.hpp"
#include "web/time_views.hpp"

namespace hearth {

struct ThreadNotes;  // actions/context_notes.hpp

struct PostTreeContext {
  const Group& group;
  const GroupViewer& viewer;
  const TimeFormatter& time;
  bool can_react = false;
  bool can_reply = false;
  std::string page_query;  // "after=…" on later pages, kept by reply and react links; else ""
  // How this page's links reach the group's pages (/g/{slug}/…): "../" from
  // /g/{slug}/t/{id}, "../../" from /g/{slug}/t/{id}/reply; empty for absolute links.
  std::string group_base;
  std::optional<PostId> reply_to;
  std::function<void(Html&)> reply_form;  // rendered under the post `reply_to`
  std::optional<PostId> reacting;         // the reply whose reaction buttons are open
  // Posts written from this one on are new to the viewer (a member who has read the
  // thread before); nothing marks no post.
  std::optional<thread_reads::PostMark> new_from;
  // The viewer's mute words (none for guests and members without any): others' posts that
  // contain them are collapsed behind "Hidden by your mute words".
  std::shared_ptr<const safety::MuteMatcher> mute;
  // Context notes, "needs context" labels and verified badges (none: nothing of them shown).
  const ThreadNotes* notes = nullptr;
  // The viewer's blocks (none for guests): posts shown under a blocked persona, or under the
  // name of someone who blocked the viewer, are folded away (policy/blocking.hpp; never an
  // anonymous post).
  std::shared_ptr<const BlockSet> blocks;
};

// The form that reaction buttons submit (`id="rx"`): once per page, outside other forms.
void reactions_form(Html& h, const PageContext& context, const Group& group, ThreadId thread_id,
                    const std::string& after);

// One post (the opening post, or a reply).
void post_article(Html& h, const posts::PostView& post, const PostTreeContext& tree);
// The replies (every post but the opening one) as nested lists.
void reply_tree(Html& h, const std::vector<posts::PostView>& posts, const PostTreeContext& tree);

// What the viewer's blocks do to this post (none for their own and for anonymous posts).
BlockEffect block_effect_for(const posts::PostView& post, const PostTreeContext& tree);

// Whether the viewer wrote the post, as policy lets the page know it.
bool viewer_wrote(const posts::PostView& post, const GroupViewer& viewer);
// Whether the post is marked new for the viewer: written from `tree.new_from` on, by
// someone else, and not removed.
bool is_new_to_viewer(const posts::PostView& post, const PostTreeContext& tree);

}  // namespace hearth
