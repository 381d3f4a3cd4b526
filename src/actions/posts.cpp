#include "actions/posts.hpp"

#include "core/markdown.hpp"

#include "actions/conversations.hpp"
#include "actions/filtering.hpp"
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

bool is_opening(const PostInView& found) {
  return found.post.id == found.thread.thread.opening_post_id;
}

bool unchanged(const PostDraft& draft, const PostInView& found) {
  return draft.body == found.post.body && draft.content_warning == found.post.content_warning &&
         (!is_opening(found) || draft.title == found.thread.thread.title);
}

Error edit_would_be_held() {
  return make_error(ErrorCode::invalid_input,
                    "This change includes something the group's filters keep back for a moderator, so it can't be "
                    "made to a post that is already up. You can take it out, or ask the group's moderators.",
                    "body");
}

// The filters' verdict on the new version, checked before the write (actions/filtering.hpp).
Result<FilterPlan> screen_edit(const ActionEnvironment& env, AccountId account, PostId post_id, const PostDraft& raw,
                               const FilterChoice& choice, FilterOutcome* outcome) {
  const auto opening = env.store.read([&](Connection& c) -> std::optional<bool> {
    auto found = own_post(c, account, post_id);
    if (!found) return std::nullopt;
    return is_opening(*found);
  });
  if (!opening) return FilterPlan{};  // the write says why not
  auto draft = validate_post_draft(raw, *opening);
  if (!draft) return FilterPlan{};
  return screen_draft(env, account, *draft, choice, outcome, [&](Connection& c) -> std::optional<FilterTarget> {
    auto found = own_post(c, account, post_id);
    if (!found || unchanged(*draft, *found)) return std::nullopt;
    return FilterTarget{found->thread.group, found->thread.thread.id, !*opening, *opening};
  });
}

}  // namespace

Status do_edit_post(const ActionEnvironment& env, AccountId account, PostId post_id, const PostDraft& raw,
                    const FilterChoice& choice, FilterOutcome* outcome) {
  auto plan = screen_edit(env, account, post_id, raw, choice, outcome);
  if (!plan) return plan.error();
  ThreadId changed = 0;
  Status edited = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = own_post(c, account, post_id);
    if (!found) return found.error();
    if (auto muted = check_not_muted(env, c, found->post.group_id, account); !muted) return muted;
    const posts::Post& post = found->post;
    const threads::Thread& thread = found->thread.thread;
    const bool opening = is_opening(*found);
    auto draft = validate_post_draft(raw, opening);
    if (!draft) return draft.error();
    if (unchanged(*draft, *found)) return success();  // nothing changed: no new version, no "edited"
    // A published post can't go back to waiting; one that waits stays waiting.
    if (plan->hold != HoldReason::none && !post.held_at) return edit_would_be_held();
    censor_draft(*plan, *draft);
    const UnixMillis now = env.clock.now();
    posts::add_revision(c, post, opening ? thread.title : "", now);
    posts::update_content(c, post.id, draft->body, render_markdown(draft->body), draft->content_warning, now);
    if (opening) threads::set_title(c, thread.id, draft->title);
    record_filter_plan(c, *plan, post, now);
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
