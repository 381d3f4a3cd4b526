#pragma once
// Posts (a thread's opening post and its replies), their edit history, and the thread
// view read model.
//
// ANONYMITY — read this before rendering anything from here:
//   * Fields meant for display (`PostView::author`) never carry an anonymous author's
//     persona, name or role; a removed post carries no author at all.
//   * `PostView::author_account_id` is INTERNAL. It exists only so the web/API layer can
//     tell whether the viewer wrote the post (to offer "edit", or to say "you posted this
//     anonymously") by passing `viewer == author_account_id` through policy
//     can_see_author() / can_edit_post(). It must never be rendered, serialised, logged or
//     used as an identifier in any response.
// Read models make no permission decisions: the caller has asked policy/ first.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "store/database.hpp"
#include "store/threads.hpp"

namespace hearth::posts {

// A stored post, as actions work with it (never sent to a client as is).
struct Post {
  PostId id = 0;
  GroupId group_id = 0;
  ThreadId thread_id = 0;
  std::optional<PostId> parent_id;
  int depth = 0;
  std::optional<PostId> branch_id;  // the depth-1 reply it hangs under (its own id at depth 1)
  AccountId author_account_id = 0;
  PersonaId author_persona_id = 0;
  bool anonymous = false;
  std::string anonymous_label;
  std::string body;       // Markdown as written
  std::string body_html;  // rendered by core/markdown when written; safe to embed
  std::string content_warning;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> edited_at;
  std::optional<UnixMillis> deleted_at;
  std::string idempotency_key;
  // Moderation: a post waiting for a moderator is seen only by its author and the group's
  // moderators (policy can_see_held_post); a removed post was removed by its author unless
  // removed_by_moderator, and then the author is told why.
  std::optional<UnixMillis> held_at;
  std::string held_reason;  // hold_reason_name(): "new_member", "anonymous", …
  bool removed_by_moderator = false;
  std::string removal_explanation;
  std::optional<int> removal_rule;  // 1-based
};

void insert(Connection& c, const Post& post);
std::optional<Post> find(Connection& c, PostId id);
// The post this account already made with this form submission, if any.
std::optional<Post> find_by_idempotency_key(Connection& c, AccountId author, const std::string& key);
void update_content(Connection& c, PostId id, const std::string& body, const std::string& body_html,
                    const std::string& content_warning, UnixMillis edited_at);
void mark_removed(Connection& c, PostId id, UnixMillis at);
// Removed by a moderator, with the explanation and the rule the author is shown.
void mark_removed_by_moderator(Connection& c, PostId id, UnixMillis at, const std::string& explanation,
                               std::optional<int> rule);
// A held post is published: it no longer waits.
void release_hold(Connection& c, PostId id);
// How many of the account's posts in the group were published (not held, not removed by a
// moderator), counting at most `limit`: enough to tell whether a new member's first posts
// still wait for approval.
int64_t count_published_by(Connection& c, GroupId group_id, AccountId author, int64_t limit);
// When the account last posted in the group (held posts too), for slow mode.
std::optional<UnixMillis> last_post_at(Connection& c, GroupId group_id, AccountId author);

// Edit history: each row is a version that an edit replaced (title only for opening posts).
struct Revision {
  std::string title;
  std::string body;
  std::string content_warning;
  UnixMillis replaced_at = 0;
};
void add_revision(Connection& c, const Post& post, const std::string& title, UnixMillis replaced_at);
// Newest first; empty for a removed post (its text is no longer served to anyone). The
// caller checks policy can_see_revisions() first.
std::vector<Revision> revisions(Connection& c, PostId id);

// One post as a thread page shows it. Removed posts keep their place in the tree with an
// empty body, no content warning, no author and no reactions.
struct PostView {
  PostId id = 0;
  std::optional<PostId> parent_id;
  int depth = 0;
  AuthorDisplay author;
  // HTML rendered from the Markdown when the post was written (core/markdown: safe to
  // embed with Html::raw_unescaped); empty when removed.
  std::string body_html;
  std::string content_warning;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> edited_at;
  bool removed = false;                  // "removed by its author" (or by a moderator, below)
  bool removed_by_moderator = false;
  // Why a moderator removed it: filled only for the post's author and for a moderator's
  // view (thread_view's `moderator_view`); empty for everyone else.
  std::string removal_explanation;
  std::optional<int> removal_rule;
  bool held = false;                     // waiting for a moderator (only its author and moderators get it)
  std::array<int64_t, 3> reactions{};    // counts, indexed by ReactionKind
  std::array<bool, 3> viewer_reacted{};  // indexed by ReactionKind
  // INTERNAL — see the note at the top of this file. Never render or serialise.
  AccountId author_account_id = 0;

  int64_t reaction_count(ReactionKind kind) const { return reactions[static_cast<std::size_t>(kind)]; }
  bool reacted(ReactionKind kind) const { return viewer_reacted[static_cast<std::size_t>(kind)]; }
};

// Keyset position among a thread's top-level replies (created_at, id ascending).
struct BranchCursor {
  UnixMillis created_at = 0;
  PostId id = 0;
};
std::string format_branch_cursor(const BranchCursor& cursor);  // "<created_at>.<id>"
std::optional<BranchCursor> parse_branch_cursor(std::string_view text);

struct ThreadView {
  // Opening post first, then each top-level reply followed by its replies, depth first,
  // siblings oldest first: the order a threaded page shows them in.
  std::vector<PostView> posts;
  std::optional<BranchCursor> next;  // more top-level replies after this page
};

inline constexpr int max_branches_per_page = 200;

// A page of a thread: the opening post (on every page, as its header), then up to
// `branches` top-level replies after `after`, each with all its replies. A constant number
// of queries whatever the page holds (posts with their authors, reactions, one look-ahead).
// `viewer` fills viewer_reacted. Posts waiting for a moderator are left out, except the
// viewer's own and, with `moderator_view` (the viewer moderates the group: policy
// can_see_held_post), everyone's; removal explanations likewise.
ThreadView thread_view(Connection& c, const threads::Thread& thread, std::optional<AccountId> viewer,
                       const std::optional<BranchCursor>& after, int branches, bool moderator_view = false);

// How many posts were written in a group since `since`, and how many of them waited for a
// moderator (held_reason is kept after approval as the record of why). For the
// transparency card.
struct HeldShare {
  int64_t posts = 0;
  int64_t held = 0;        // waited for a moderator, for any reason
  int64_t by_filters = 0;  // of those: held by the word filters or the third-party guard
};
HeldShare held_share_since(Connection& c, GroupId group_id, UnixMillis since);

}  // namespace hearth::posts
