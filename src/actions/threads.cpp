#include "actions/threads.hpp"

#include "core/markdown.hpp"

#include "actions/blocking.hpp"
#include "actions/conversations.hpp"
#include "actions/filtering.hpp"
#include "actions/live_events.hpp"
#include "actions/posting_gate.hpp"
#include "actions/transaction.hpp"
#include "core/random.hpp"
#include "store/groups.hpp"
#include "store/moderation_log.hpp"
#include "store/posts.hpp"
#include "store/search.hpp"
#include "store/thread_reads.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

Error anonymous_not_allowed() {
  return make_error(ErrorCode::invalid_input,
                    "This group doesn't allow anonymous posts. You can post with your pseudonym in this group instead.",
                    "anonymous");
}

Error key_used_elsewhere() {
  return make_error(ErrorCode::conflict,
                    "This form was already used for a different post. Please reload the page and try again.",
                    "idempotency_key");
}

// Runs a posting transaction. Writers are serialised on SQLite, so the look-up of the key
// inside the transaction settles repeats; an engine with concurrent writers can still lose
// the race on UNIQUE (author_account_id, idempotency_key), and then the winner's post is
// the answer.
template <class T, class Body, class Recover>
Result<T> post_once(const ActionEnvironment& env, Body&& body, Recover&& recover) {
  try {
    return write_or_error<T>(env, body);
  } catch (const DatabaseError& error) {
    if (error.kind() != DatabaseError::Kind::unique_violation) throw;
    if (auto settled = env.store.read([&](Connection& c) { return recover(c); })) return std::move(*settled);
    throw;
  }
}

// A new post by `account`, as the persona it shows in the group, with its anonymous label
// in the thread when it is anonymous. Placement (parent, depth, branch) is the caller's.
posts::Post new_post(Connection& c, PostId id, const Group& group, ThreadId thread_id, AccountId account,
                     PersonaId persona, const PostDraft& draft, UnixMillis now, const std::string& key) {
  posts::Post post;
  post.id = id;
  post.group_id = group.id;
  post.thread_id = thread_id;
  post.author_account_id = account;
  post.author_persona_id = persona;
  post.anonymous = draft.anonymous;
  if (post.anonymous) post.anonymous_label = threads::anonymous_label_for(c, thread_id, group.id, account);
  post.body = draft.body;
  post.body_html = render_markdown(draft.body);
  post.content_warning = draft.content_warning;
  post.created_at = now;
  post.idempotency_key = key;
  return post;
}

// A post that waits for a moderator (actions/posting_gate decided why).
void hold_if(posts::Post& post, HoldReason reason, UnixMillis now) {
  if (reason == HoldReason::none) return;
  post.held_at = now;
  post.held_reason = std::string(hold_reason_name(reason));
}

Error waiting_for_moderator() {
  return make_error(ErrorCode::conflict,
                    "The post you're replying to is waiting for a moderator. You can reply once it's approved.",
                    "parent");
}

void index(Connection& c, const posts::Post& post, const Group& group, const std::string& title) {
  search::index_post(c, {post.id, group.id, group.privacy, post.thread_id, title, post.body});
}

// Where a reply to `parent` goes: one level deeper, except that nesting stops at
// max_reply_depth, where a reply joins its parent's siblings.
struct Placement {
  std::optional<PostId> parent_id;
  int depth = 1;
  std::optional<PostId> branch_id;
};
Placement place_reply(const posts::Post& parent, PostId new_id) {
  if (parent.depth >= max_reply_depth) return {parent.parent_id, max_reply_depth, parent.branch_id};
  const int depth = parent.depth + 1;
  return {parent.id, depth, depth == 1 ? std::optional<PostId>(new_id) : parent.branch_id};
}

// `was`: the flag as the thread has it now. A change is also a live event (kind), so that
// open pages show it: a locked conversation's reply form goes at once.
Status set_thread_flag(const ActionEnvironment& env, AccountId moderator, ThreadId thread_id, bool value,
                       bool (*was)(const threads::Thread&), void (*store)(Connection&, ThreadId, bool),
                       thread_events::Kind kind, std::string_view action) {
  Status set = env.store.write([&](Connection& c) -> Status {
    auto found = find_thread_in(c, thread_id, moderator);
    if (!found) return thread_not_found();
    if (!can_moderate(found->group.viewer)) {
      return make_error(ErrorCode::forbidden, "Only the group's moderators can pin or lock conversations.");
    }
    store(c, thread_id, value);
    moderation_log::record(c, found->thread.group_id, moderator, action, env.clock.now());
    if (was(found->thread) != value) record_thread_event(env, c, kind, found->thread);
    return success();
  });
  if (set) env.changes->thread_changed(thread_id);
  return set;
}

}  // namespace

Result<NewThread> do_start_thread(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                  const PostDraft& raw, std::string_view idempotency_key, const FilterChoice& choice,
                                  FilterOutcome* outcome) {
  if (auto ok = validate_idempotency_key(idempotency_key); !ok) return ok.error();
  auto draft = validate_post_draft(raw, true);
  if (!draft) return draft.error();
  const std::string key(idempotency_key);
  auto plan = screen_draft(env, account, *draft, choice, outcome, [&](Connection& c) -> std::optional<FilterTarget> {
    auto group = find_group_in(c, group_id, account);
    if (!group || !can_participate(group->group.privacy, group->viewer)) return std::nullopt;
    if (posts::find_by_idempotency_key(c, account, key)) return std::nullopt;
    return FilterTarget{std::move(*group), std::nullopt, false, true};
  });
  if (!plan) return plan.error();
  censor_draft(*plan, *draft);
  const auto repeat = [&](const posts::Post& earlier) -> Result<NewThread> {
    if (earlier.depth != 0 || earlier.group_id != group_id) return key_used_elsewhere();
    return NewThread{earlier.thread_id, earlier.id};
  };
  auto started = post_once<NewThread>(
      env,
      [&](Connection& c) -> Result<NewThread> {
        auto group = find_group_in(c, group_id, account);
        if (!group) return group_not_found();
        if (!can_participate(group->group.privacy, group->viewer)) return participation_refused(group->viewer);
        if (auto earlier = posts::find_by_idempotency_key(c, account, key)) return repeat(*earlier);
        if (draft->anonymous && !group->group.anonymous_posting) return anonymous_not_allowed();
        auto gate = check_new_post(env, c, *group, account, draft->anonymous);
        if (!gate) return gate.error();
        const HoldReason hold = hold_with_filters(*plan, *gate);

        const UnixMillis now = env.clock.now();
        // post_count counts published posts: a thread whose opening post waits for a
        // moderator has none, and is listed nowhere until it is approved.
        const int64_t published = hold == HoldReason::none ? 1 : 0;
        const threads::Thread thread{random_id(), group_id,  draft->title, random_id(), false,
                                     false,       published, now,          now};
        threads::insert(c, thread);
        posts::Post post = new_post(c, thread.opening_post_id, group->group, thread.id, account,
                                    group->viewer.membership->persona_id, *draft, now, key);
        hold_if(post, hold, now);
        posts::insert(c, post);
        record_filter_plan(c, *plan, post, now);
        if (!post.held_at) {
          groups::touch_activity(c, group_id, now);
          index(c, post, group->group, thread.title);
          record_thread_event(env, c, thread_events::Kind::thread, post);
        }
        thread_reads::mark_seen(c, account, thread.id, group_id, thread.post_count, now);
        thread_reads::set_following(c, account, thread.id, group_id, true, now);
        return NewThread{thread.id, post.id};
      },
      [&](Connection& c) -> std::optional<Result<NewThread>> {
        auto earlier = posts::find_by_idempotency_key(c, account, key);
        if (!earlier) return std::nullopt;
        return repeat(*earlier);
      });
  if (started) env.changes->thread_changed(started->thread_id);
  return started;
}

Result<PostId> do_reply(const ActionEnvironment& env, AccountId account, ThreadId thread_id,
                        std::optional<PostId> parent_id, const PostDraft& raw, std::string_view idempotency_key,
                        const FilterChoice& choice, FilterOutcome* outcome, PlacedReply* placed) {
  if (auto ok = validate_idempotency_key(idempotency_key); !ok) return ok.error();
  auto draft = validate_post_draft(raw, false);
  if (!draft) return draft.error();
  const std::string key(idempotency_key);
  auto plan = screen_draft(env, account, *draft, choice, outcome, [&](Connection& c) -> std::optional<FilterTarget> {
    auto found = find_thread_in(c, thread_id, account);
    if (!found || !can_reply(found->group.group.privacy, found->group.viewer, found->thread.locked))
      return std::nullopt;
    if (posts::find_by_idempotency_key(c, account, key)) return std::nullopt;
    // Refused because of a block: no filter prompt first; the write says why.
    const auto parent = posts::find(c, parent_id.value_or(found->thread.opening_post_id));
    if (parent && !check_reply_not_blocked(c, account, *parent)) return std::nullopt;
    return FilterTarget{std::move(found->group), thread_id, true, false};
  });
  if (!plan) return plan.error();
  censor_draft(*plan, *draft);
  const auto repeat = [&](const posts::Post& earlier) -> Result<PostId> {
    if (earlier.depth == 0 || earlier.thread_id != thread_id) return key_used_elsewhere();
    return earlier.id;
  };
  PlacedReply landed;  // copied to `placed` only once the write has committed
  const auto note_place = [&](const posts::Post& post, const Group& group) {
    landed = PlacedReply{post.id, post.parent_id, post.depth, post.anonymous, group.slug};
  };
  auto replied = post_once<PostId>(
      env,
      [&](Connection& c) -> Result<PostId> {
        auto found = find_thread_in(c, thread_id, account);
        if (!found) return thread_not_found();
        const Group& group = found->group.group;
        const GroupViewer& viewer = found->group.viewer;
        if (!can_reply(group.privacy, viewer, found->thread.locked)) {
          if (!can_participate(group.privacy, viewer)) return participation_refused(viewer);
          return make_error(ErrorCode::forbidden, "This conversation is locked, so it can't take new replies.");
        }
        if (auto earlier = posts::find_by_idempotency_key(c, account, key)) {
          note_place(*earlier, group);
          return repeat(*earlier);
        }
        if (draft->anonymous && !group.anonymous_posting) return anonymous_not_allowed();

        auto parent = posts::find(c, parent_id.value_or(found->thread.opening_post_id));
        if (!parent || parent->thread_id != thread_id) {
          return make_error(ErrorCode::not_found,
                            "The post you're replying to isn't in this conversation any more. You can reply to the "
                            "conversation instead.",
                            "parent");
        }
        if (parent->held_at || found->thread.post_count == 0) return waiting_for_moderator();
        // A block between the two refuses the reply; never for an anonymous post (docs/blocking.md).
        if (auto open = check_reply_not_blocked(c, account, *parent); !open) return open.error();
        auto gate = check_new_post(env, c, found->group, account, draft->anonymous);
        if (!gate) return gate.error();
        const UnixMillis now = env.clock.now();
        posts::Post post =
            new_post(c, random_id(), group, thread_id, account, viewer.membership->persona_id, *draft, now, key);
        const Placement placement = place_reply(*parent, post.id);
        post.parent_id = placement.parent_id;
        post.depth = placement.depth;
        post.branch_id = placement.branch_id;
        hold_if(post, hold_with_filters(*plan, *gate), now);
        posts::insert(c, post);
        record_filter_plan(c, *plan, post, now);
        if (!post.held_at) {  // a held reply counts, and is found, once approved
          threads::count_new_post(c, thread_id, now);
          groups::touch_activity(c, group.id, now);
          index(c, post, group, "");
          record_thread_event(env, c, thread_events::Kind::reply, post);
        }
        thread_reads::mark_seen(c, account, thread_id, group.id, found->thread.post_count + (post.held_at ? 0 : 1),
                                now);
        note_place(post, group);
        return post.id;
      },
      [&](Connection& c) -> std::optional<Result<PostId>> {
        auto earlier = posts::find_by_idempotency_key(c, account, key);
        if (!earlier) return std::nullopt;
        return repeat(*earlier);
      });
  if (replied) env.changes->thread_changed(thread_id);
  if (replied && placed && landed.id == *replied) *placed = landed;
  return replied;
}

Status do_set_thread_pinned(const ActionEnvironment& env, AccountId moderator, ThreadId thread_id, bool pinned) {
  return set_thread_flag(
      env, moderator, thread_id, pinned, [](const threads::Thread& t) { return t.pinned; }, threads::set_pinned,
      thread_events::Kind::pin, pinned ? "thread.pinned" : "thread.unpinned");
}

Status do_set_thread_locked(const ActionEnvironment& env, AccountId moderator, ThreadId thread_id, bool locked) {
  return set_thread_flag(
      env, moderator, thread_id, locked, [](const threads::Thread& t) { return t.locked; }, threads::set_locked,
      thread_events::Kind::lock, locked ? "thread.locked" : "thread.unlocked");
}

}  // namespace hearth
