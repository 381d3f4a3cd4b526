#include "actions/context_notes.hpp"

#include "actions/live_events.hpp"
#include "actions/posting_gate.hpp"
#include "actions/transaction.hpp"
#include "actions/verification.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "policy/context_notes.hpp"
#include "store/context_notes.hpp"
#include "store/moderation_log.hpp"
#include "store/note_ratings.hpp"
#include "store/verifications.hpp"

namespace hearth {
namespace {

Error note_not_found() {
  return make_error(ErrorCode::not_found, "We couldn't find that context note. It may have been removed.");
}

bool is_shown(const context_notes::Note& n) {
  return note_is_shown(n.author_badge.has_value(), n.helpful, n.not_helpful);
}

NoteView view_of(const context_notes::Note& n, const GroupInView& g, std::optional<AccountId> account,
                 std::optional<bool> my_rating) {
  NoteView v;
  v.id = n.id;
  v.post_id = n.post_id;
  v.body = n.body;
  v.sources = n.sources;
  v.created_at = n.created_at;
  v.shown = is_shown(n);
  v.from = n.author_badge;
  v.helpful = n.helpful;
  v.not_helpful = n.not_helpful;
  v.mine = account && *account == n.author_account_id;
  v.my_rating = my_rating;
  v.can_rate = can_rate_note(g.group.privacy, g.viewer, v.mine);
  return v;
}

// A post notes can be about: published and not removed.
Status check_post_open(const posts::Post& post) {
  if (post.deleted_at) return make_error(ErrorCode::conflict, "This post was removed, so it can't take context notes.");
  if (post.held_at) {
    return make_error(ErrorCode::conflict, "This post is waiting for a moderator. Context can come once it's approved.");
  }
  return success();
}

// The note and its post, as the viewer may reach them; not found alike for a note that
// doesn't exist, was removed, belongs to another group or to a post the viewer can't read.
struct NoteInView {
  context_notes::Note note;
  PostInView post;
};
Result<NoteInView> find_note_in(Connection& c, NoteId id, AccountId account, std::optional<GroupId> in_group) {
  auto note = context_notes::find(c, id);
  if (!note || note->removed_at || (in_group && note->group_id != *in_group)) return note_not_found();
  auto post = find_post_in(c, note->post_id, account);
  if (!post || post->post.deleted_at) return note_not_found();
  return NoteInView{std::move(*note), std::move(*post)};
}

// Whether the account may add a note to this post now; why not otherwise.
Status check_may_add(const ActionEnvironment& env, Connection& c, const PostInView& found, AccountId account) {
  const GroupInView& g = found.thread.group;
  if (!can_participate(g.group.privacy, g.viewer)) return participation_refused(g.viewer);
  if (!can_write_note(g.group.privacy, g.viewer, has_active_verification(c, account))) {
    return make_error(ErrorCode::forbidden,
                      "Context notes come from verified health professionals, trained peer volunteers and the "
                      "group's moderators. If you think this post is misleading, you can report it as "
                      "misinformation.");
  }
  if (auto open = check_post_open(found.post); !open) return open;
  return check_not_muted(env, c, g.group.id, account);
}

// The safety filters' verdict on the note's text, taken like a post's before the write
// (actions/filtering.hpp): as the body of a post (the kindness nudge is for replies), with the
// thread's pseudonyms known to the third-party guard. Nothing is checked when the write will
// refuse anyway, so nobody learns a group's word list by probing it with notes.
Result<FilterPlan> screen_note(const ActionEnvironment& env, AccountId account, PostId post_id, const NoteDraft& draft,
                               const FilterChoice& choice, FilterOutcome* outcome) {
  const PostDraft text{"", draft.body, "", false};
  return screen_draft(env, account, text, choice, outcome, [&](Connection& c) -> std::optional<FilterTarget> {
    auto found = find_post_in(c, post_id, account);
    if (!found || !check_may_add(env, c, *found, account)) return std::nullopt;
    if (context_notes::has_note_by(c, found->thread.group.group.id, post_id, account)) return std::nullopt;
    return FilterTarget{found->thread.group, found->thread.thread.id, false, false};
  });
}

// What a filter would hold for a moderator refuses the note instead: the queue holds posts,
// and a note has no waiting state (it shows under its post, or waits only for ratings).
Error note_would_be_held(const FilterPlan& plan) {
  std::string words;
  for (const auto& flag : plan.flags) {
    if (flag.action == "hold" && !flag.words.empty()) words += (words.empty() ? "" : ", ") + flag.words;
  }
  std::string message =
      plan.hold == HoldReason::third_party
          ? "This seems to include someone else's details, like a name, a phone number or an address. This group "
            "asks a moderator to look at anything like that first, and a note can't wait for one. Please take the "
            "details out."
          : "This note includes words the group's moderators read before they appear, and a note can't wait for a "
            "moderator. Please change those words, or ask the group's moderators about them.";
  if (!words.empty()) message += " The words concerned: “" + words + "”.";
  return make_error(ErrorCode::invalid_input, std::move(message), "body");
}

// The plan's flags, marked as found in a note: they go in the queue with the post the note is
// on (the queue's items are posts), and the moderators must not take them for the post's words.
FilterPlan flags_about_note(FilterPlan plan) {
  for (auto& flag : plan.flags) {
    flag.detail = flag.detail.empty() ? "in a context note" : "in a context note: " + flag.detail;
  }
  return plan;
}

void log_note_action(Connection& c, const PostInView& post, AccountId actor, std::string action, std::string reason,
                     std::string summary, UnixMillis at) {
  moderation_log::NewEntry e;
  e.group_id = post.thread.group.group.id;
  e.actor = actor;
  e.action = std::move(action);
  e.target_kind = "post";
  e.target_id = post.post.id;
  e.thread_id = post.thread.thread.id;
  e.reason = std::move(reason);
  e.public_summary = std::move(summary);
  e.at = at;
  moderation_log::record(c, e);
}

}  // namespace

std::optional<PostNotes> read_post_notes(const ActionEnvironment& env, std::optional<AccountId> account, PostId id) {
  return env.store.read([&](Connection& c) -> std::optional<PostNotes> {
    auto found = find_post_in(c, id, account);
    if (!found || found->post.deleted_at || found->post.held_at) return std::nullopt;
    const GroupInView& g = found->thread.group;
    const GroupId group = g.group.id;
    PostNotes notes{*found};
    notes.needs_context = context_notes::is_labelled(c, group, id);
    notes.can_see_pending = can_see_pending_notes(g.group.privacy, g.viewer);
    notes.can_moderate = can_moderate_notes(g.viewer);
    std::map<NoteId, bool> mine;
    if (account) mine = note_ratings::ratings_on_post(c, group, id, *account);
    for (const auto& n : context_notes::on_post(c, group, id)) {
      const auto rating = mine.find(n.id);
      NoteView v = view_of(n, g, account, rating == mine.end() ? std::nullopt : std::optional<bool>(rating->second));
      if (v.mine) notes.wrote_one = true;
      if (v.shown) notes.shown.push_back(std::move(v));
      else if (notes.can_see_pending || v.mine) notes.pending.push_back(std::move(v));
    }
    const bool verified = account && has_active_verification(c, *account);
    notes.can_write = !notes.wrote_one && can_write_note(g.group.privacy, g.viewer, verified);
    return notes;
  });
}

ThreadNotes read_thread_notes(const ActionEnvironment& env, const GroupInView& g, ThreadId thread) {
  return env.store.read([&](Connection& c) {
    ThreadNotes out;
    const GroupId group = g.group.id;
    out.can_see_pending = can_see_pending_notes(g.group.privacy, g.viewer);
    for (const auto& n : context_notes::in_thread(c, group, thread)) {
      if (is_shown(n)) out.shown[n.post_id].push_back(view_of(n, g, g.viewer.account, std::nullopt));
      else if (out.can_see_pending) ++out.pending[n.post_id];
    }
    out.needs_context = context_notes::labelled_in_thread(c, group, thread);
    out.badges = verifications::badges_in_group(c, group);
    const bool verified = g.viewer.account && has_active_verification(c, *g.viewer.account);
    out.can_write = can_write_note(g.group.privacy, g.viewer, verified);
    return out;
  });
}

Result<NoteId> do_add_note(const ActionEnvironment& env, AccountId account, PostId post_id, const NoteDraft& raw,
                           const FilterChoice& choice, FilterOutcome* outcome) {
  auto draft = validate_note(raw);
  auto plan = draft ? screen_note(env, account, post_id, *draft, choice, outcome) : Result<FilterPlan>(FilterPlan{});
  if (!plan) return plan.error();
  ThreadId changed = 0;
  auto added = write_or_error<NoteId>(env, [&](Connection& c) -> Result<NoteId> {
    auto found = find_post_in(c, post_id, account);
    if (!found) return post_not_found();
    const GroupInView& g = found->thread.group;
    if (auto may = check_may_add(env, c, *found, account); !may) return may.error();
    if (!draft) return draft.error();
    if (context_notes::has_note_by(c, g.group.id, post_id, account)) {
      return make_error(ErrorCode::conflict, "You have already added a context note to this post.");
    }
    if (plan->hold != HoldReason::none) return note_would_be_held(*plan);
    NoteDraft note = *draft;
    if (plan->body) note.body = *plan->body;  // censored words masked
    const NoteId id = random_id();
    const UnixMillis now = env.clock.now();
    context_notes::insert(c, {id, g.group.id, found->thread.thread.id, post_id, account,
                              g.viewer.membership->persona_id, can_moderate(g.viewer), std::move(note), now});
    record_filter_plan(c, flags_about_note(*plan), found->post, now);
    record_thread_event(env, c, thread_events::Kind::edit, found->post);
    changed = found->thread.thread.id;
    return id;
  });
  if (added) env.changes->thread_changed(changed);
  return added;
}

Result<PostId> do_rate_note(const ActionEnvironment& env, AccountId account, NoteId note_id, bool helpful,
                            std::optional<GroupId> in_group) {
  ThreadId changed = 0;
  auto rated = write_or_error<PostId>(env, [&](Connection& c) -> Result<PostId> {
    auto found = find_note_in(c, note_id, account, in_group);
    if (!found) return found.error();
    const GroupInView& g = found->post.thread.group;
    if (!can_participate(g.group.privacy, g.viewer)) return participation_refused(g.viewer);
    if (found->note.author_account_id == account) {
      return make_error(ErrorCode::conflict,
                        "You wrote this note, so you can't rate it. Other members' ratings decide whether it shows.");
    }
    if (auto muted = check_not_muted(env, c, g.group.id, account); !muted) return muted.error();
    const bool shown_before = is_shown(found->note);
    note_ratings::rate(c, note_id, g.group.id, account, helpful, env.clock.now());
    const auto after = context_notes::find(c, note_id);
    if (after && is_shown(*after) != shown_before) {
      // Readers' pages change only when the note starts or stops showing.
      record_thread_event(env, c, thread_events::Kind::edit, found->post.post);
      changed = found->post.thread.thread.id;
    }
    return found->post.post.id;
  });
  if (rated && changed != 0) env.changes->thread_changed(changed);
  return rated;
}

Result<PostId> do_remove_note(const ActionEnvironment& env, AccountId account, NoteId note_id,
                              std::string_view raw_reason, std::optional<GroupId> in_group) {
  const std::string reason(trim(raw_reason));
  if (!is_valid_utf8(reason) || has_control_characters(reason) || utf8_length(reason) > 500) {
    return make_error(ErrorCode::invalid_input, "Please write the reason as plain text, at most 500 characters.",
                      "reason");
  }
  ThreadId changed = 0;
  auto removed = write_or_error<PostId>(env, [&](Connection& c) -> Result<PostId> {
    auto found = find_note_in(c, note_id, account, in_group);
    if (!found) return found.error();
    const GroupInView& g = found->post.thread.group;
    if (!can_moderate_notes(g.viewer)) {
      return make_error(ErrorCode::forbidden, "Only the group's moderators can remove context notes.");
    }
    context_notes::mark_removed(c, note_id, account, env.clock.now());
    log_note_action(c, found->post, account, "note.removed", reason, "Removed a context note on a post.",
                    env.clock.now());
    record_thread_event(env, c, thread_events::Kind::edit, found->post.post);
    changed = found->post.thread.thread.id;
    return found->post.post.id;
  });
  if (removed) env.changes->thread_changed(changed);
  return removed;
}

Status do_set_needs_context(const ActionEnvironment& env, AccountId account, PostId post_id, bool needs_context) {
  ThreadId changed = 0;
  Status set = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = find_post_in(c, post_id, account);
    if (!found) return post_not_found();
    const GroupInView& g = found->thread.group;
    if (!can_moderate_notes(g.viewer)) {
      return make_error(ErrorCode::forbidden, "Only the group's moderators can label a post as needing context.");
    }
    if (auto open = check_post_open(found->post); !open) return open;
    const GroupId group = g.group.id;
    const ThreadId thread = found->thread.thread.id;
    const UnixMillis now = env.clock.now();
    const bool changed_now = needs_context ? context_notes::label(c, group, thread, post_id, account, now)
                                           : context_notes::unlabel(c, group, post_id);
    if (!changed_now) return success();  // already as asked: a repeated click
    if (needs_context) {
      log_note_action(c, *found, account, "post.needs_context", "", "Asked for context on a post.", now);
    } else {
      log_note_action(c, *found, account, "post.context_label_removed", "",
                      "Took the \"needs context\" label off a post.", now);
    }
    record_thread_event(env, c, thread_events::Kind::edit, found->post);
    changed = thread;
    return success();
  });
  if (set && changed != 0) env.changes->thread_changed(changed);
  return set;
}

}  // namespace hearth
