#include "actions/posts.hpp"

#include "core/markdown.hpp"

#include "actions/conversations.hpp"
#include "actions/live_events.hpp"
#include "actions/posting_gate.hpp"
#include "actions/transaction.hpp"
#include "store/posts.hpp"
#include "store/search.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

// The author's own post, if the viewer may change it; otherwise the error to show.
Result<PostInView> own_post(Connection& c, AccountId account, PostId post_id) {
  auto found = find_post_in(c, post_id, account);
  if (!found) return post_not_found();
  const bool is_author = found->post.author_account_id == account;
  const bool removed = found->post.deleted_at.has_value();
  if (!can_edit_post(found->thread.group.viewer, is_author, removed)) {
    if (!is_author) return make_error(ErrorCode::forbidden, "You can only change your own posts.");
    if (removed) return make_error(ErrorCode::conflict, "You removed this post, so it can't be changed any more.");
    return participation_refused(found->thread.group.viewer);
  }
  return std::move(*found);
}

}  // namespace

Status do_edit_post(const ActionEnvironment& env, AccountId account, PostId post_id, const PostDraft& raw) {
  ThreadId changed = 0;
  Status edited = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = own_post(c, account, post_id);
    if (!found) return found.error();
    if (auto muted = check_not_muted(env, c, found->post.group_id, account); !muted) return muted;
    const posts::Post& post = found->post;
    const threads::Thread& thread = found->thread.thread;
    const bool opening = post.id == thread.opening_post_id;
    auto draft = validate_post_draft(raw, opening);
    if (!draft) return draft.error();
    if (draft->body == post.body && draft->content_warning == post.content_warning &&
        (!opening || draft->title == thread.title)) {
      return success();  // nothing changed: no new version, no "edited"
    }
    const UnixMillis now = env.clock.now();
    posts::add_revision(c, post, opening ? thread.title : "", now);
    posts::update_content(c, post.id, draft->body, render_markdown(draft->body), draft->content_warning, now);
    if (opening) threads::set_title(c, thread.id, draft->title);
    record_thread_event(env, c, thread_events::Kind::edit, post);
    const Group& group = found->thread.group.group;
    if (!post.held_at) {  // a post waiting for a moderator is found once it is approved
      search::index_post(c, {post.id, group.id, group.privacy, thread.id, opening ? draft->title : "", draft->body});
    }
    changed = thread.id;
    return success();
  });
  if (edited && changed != 0) env.changes->thread_changed(changed);
  return edited;
}

Status do_delete_post(const ActionEnvironment& env, AccountId account, PostId post_id) {
  ThreadId changed = 0;
  Status removed = write_or_error<Done>(env, [&](Connection& c) -> Status {
    if (auto earlier = find_post_in(c, post_id, account);
        earlier && earlier->post.deleted_at && earlier->post.author_account_id == account) {
      return success();  // already removed: a repeated click changes nothing
    }
    auto found = own_post(c, account, post_id);
    if (!found) return found.error();
    posts::mark_removed(c, post_id, env.clock.now());
    record_thread_event(env, c, thread_events::Kind::removal, found->post);
    search::remove_post(c, post_id);
    changed = found->thread.thread.id;
    return success();
  });
  if (removed && changed != 0) env.changes->thread_changed(changed);
  return removed;
}

}  // namespace hearth
