#include "actions/moderation.hpp"

#include <fmt/format.h>

#include "actions/conversations.hpp"
#include "actions/live_events.hpp"
#include "actions/moderation_steps.hpp"
#include "actions/transaction.hpp"
#include "store/filter_flags.hpp"
#include "store/groups.hpp"
#include "store/moderation_log.hpp"
#include "store/moderation_settings.hpp"
#include "store/posts.hpp"
#include "store/reports.hpp"
#include "store/search.hpp"
#include "store/thread_reads.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

using moderation_steps::Changes;
using moderation_steps::Scene;

Error only_moderators() {
  return make_error(ErrorCode::forbidden, "Only the group's moderators can do this.");
}

Error nothing_to_do(std::string message) {
  return make_error(ErrorCode::conflict, std::move(message));
}

// Closes the item's reports and, for a post, the safety filters' flags on it; how many.
int64_t resolve_reports(Scene& s, ReportOutcome outcome) {
  int64_t closed = reports::resolve_item(s.c, s.group.group.id, s.item, s.item_id, outcome, s.now);
  if (s.item == ReportItem::post) closed += filter_flags::resolve(s.c, s.group.group.id, s.item_id, s.now);
  return closed;
}

std::string_view post_noun(const posts::Post& post, const threads::Thread& thread) {
  if (post.id == thread.opening_post_id) return "the opening post of a conversation";
  return "a reply";
}

// A held post is published; reports on a published one are closed: it may stay.
Status approve(Scene& s, const ModerationRequest& r, const threads::Thread& thread, Changes& changes) {
  const posts::Post& p = *s.post;
  if (p.deleted_at) return nothing_to_do("This post was removed, so there is nothing to approve.");
  const bool had_reports = reports::open_for(s.c, s.group.group.id, ReportItem::post, p.id).count > 0 ||
                           !filter_flags::open_for(s.c, s.group.group.id, p.id).empty();
  if (!p.held_at && !had_reports) return nothing_to_do("This post isn't waiting for a moderator.");
  resolve_reports(s, ReportOutcome::no_action);
  if (p.held_at) {
    const Group& g = s.group.group;
    const bool opening = p.id == thread.opening_post_id;
    posts::release_hold(s.c, p.id);
    threads::count_new_post(s.c, p.thread_id, s.now);
    groups::touch_activity(s.c, g.id, s.now);
    search::index_post(s.c, {p.id, g.id, g.privacy, p.thread_id, opening ? thread.title : "", p.body});
    if (opening) thread_reads::mark_seen(s.c, p.author_account_id, thread.id, g.id, 1, s.now);
    record_thread_event(s.env, s.c, opening ? thread_events::Kind::thread : thread_events::Kind::reply, p);
    moderation_steps::log(s, "post.approved", true,
                          fmt::format("Approved {} that was waiting for review.", post_noun(p, thread)), r);
    changes.thread = p.thread_id;
    changes.group = opening;  // a new conversation in the group's list
  } else {
    moderation_steps::log(s, "reports.dismissed", true, "", r);
  }
  return success();
}

Status remove(Scene& s, const ModerationRequest& r, const threads::Thread& thread, Changes& changes) {
  const posts::Post& p = *s.post;
  if (p.removed_by_moderator) return nothing_to_do("A moderator has already removed this post.");
  posts::mark_removed_by_moderator(s.c, p.id, s.now, r.reason, r.rule);
  record_thread_event(s.env, s.c, thread_events::Kind::removal, p);
  search::remove_post(s.c, p.id);
  moderation_steps::removal_strike(s, r);
  resolve_reports(s, ReportOutcome::removed);
  moderation_steps::log(
      s, "post.removed", true,
      moderation_steps::public_summary("Removed " + std::string(post_noun(p, thread)), r.rule, s.rules), r);
  changes.thread = p.thread_id;
  return success();
}

Status lock(Scene& s, const ModerationRequest& r, const threads::Thread& thread, Changes& changes) {
  const bool locking = r.action == ModerationAction::lock;
  if (thread.locked == locking) {
    return nothing_to_do(locking ? "This conversation is already locked." : "This conversation isn't locked.");
  }
  threads::set_locked(s.c, thread.id, locking);
  record_thread_event(s.env, s.c, thread_events::Kind::lock, thread);  // open pages drop the reply form
  if (locking) resolve_reports(s, ReportOutcome::action_taken);
  moderation_steps::log(
      s, locking ? "thread.locked" : "thread.unlocked", true,
      moderation_steps::public_summary(locking ? "Locked a conversation" : "Unlocked a conversation", r.rule, s.rules),
      r);
  changes.thread = thread.id;
  return success();
}

// Everything the two entry points share once the target is known.
Status act_on_target(Scene& s, const ModerationRequest& r, Changes& changes) {
  switch (r.action) {
    case ModerationAction::dismiss: {
      if (resolve_reports(s, ReportOutcome::no_action) == 0) {
        return nothing_to_do("There are no open reports on this to dismiss.");
      }
      moderation_steps::log(s, "reports.dismissed", s.item == ReportItem::post, "", r);
      return success();
    }
    case ModerationAction::warn:
    case ModerationAction::mute:
    case ModerationAction::ban: {
      auto done = moderation_steps::sanction(s, r, changes);
      if (done) resolve_reports(s, ReportOutcome::action_taken);
      return done;
    }
    case ModerationAction::unmute:
    case ModerationAction::unban:
      return moderation_steps::lift(s, r, changes);
    case ModerationAction::escalate:
      moderation_steps::escalate(s, r.reason);
      resolve_reports(s, ReportOutcome::escalated);
      moderation_steps::log(s, "escalated", s.item == ReportItem::post, "", r);
      return success();
    case ModerationAction::note:
      moderation_steps::note(s, r);
      return success();
    default:
      return make_error(ErrorCode::invalid_input, "That can be done to a post, not to a member.", "action");
  }
}

void announce(const ActionEnvironment& env, const Changes& changes, const Status& done, GroupId group) {
  if (!done) return;
  if (changes.thread) env.changes->thread_changed(*changes.thread);
  if (changes.group) env.changes->group_changed(group);
}

}  // namespace

Status do_moderate_post(const ActionEnvironment& env, AccountId moderator, PostId post_id,
                        const ModerationRequest& raw) {
  Changes changes;
  GroupId group_id = 0;
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = find_post_in(c, post_id, moderator);
    if (!found) return post_not_found();
    const GroupInView& group = found->thread.group;
    if (!can_moderate(group.viewer)) return only_moderators();
    std::vector<std::string> rules = groups::rules(c, group.group.id);
    auto request = validate_moderation_request(raw, rules.size());
    if (!request) return request.error();
    group_id = group.group.id;
    Scene s{env,
            c,
            moderator,
            group,
            std::move(rules),
            env.clock.now(),
            post_author_target(c, env.secret_key, found->post),
            found->post,
            ReportItem::post,
            post_id};
    const threads::Thread& thread = found->thread.thread;
    switch (request->action) {
      case ModerationAction::approve:
        return approve(s, *request, thread, changes);
      case ModerationAction::remove:
        return remove(s, *request, thread, changes);
      case ModerationAction::lock:
      case ModerationAction::unlock:
        return lock(s, *request, thread, changes);
      default:
        return act_on_target(s, *request, changes);
    }
  });
  announce(env, changes, done, group_id);
  return done;
}

Status do_moderate_member(const ActionEnvironment& env, AccountId moderator, GroupId group_id, PersonaId persona,
                          const ModerationRequest& raw) {
  Changes changes;
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto group = find_group_in(c, group_id, moderator);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
    // Before looking the persona up: "not found" versus "forbidden" would otherwise tell a
    // member which personas belong to the group.
    if (!can_moderate(group->viewer)) return only_moderators();
    auto target = persona_target(c, group_id, persona);
    if (!target) return make_error(ErrorCode::not_found, "That person isn't a member of this group.");
    std::vector<std::string> rules = groups::rules(c, group_id);
    auto request = validate_moderation_request(raw, rules.size());
    if (!request) return request.error();
    Scene s{env,
            c,
            moderator,
            *group,
            std::move(rules),
            env.clock.now(),
            std::move(*target),
            std::nullopt,
            ReportItem::persona,
            persona};
    return act_on_target(s, *request, changes);
  });
  announce(env, changes, done, group_id);
  return done;
}

namespace {

std::string describe_settings(const ModerationSettings& s) {
  std::vector<std::string> parts;
  if (s.hold_first_posts > 0) {
    parts.push_back(fmt::format("a new member's first {} post{} wait for a moderator", s.hold_first_posts,
                                s.hold_first_posts == 1 ? "" : "s"));
  }
  if (s.slow_mode_seconds > 0) parts.push_back("slow mode: one post every " + describe_duration(s.slow_mode_seconds));
  if (s.hold_anonymous) parts.push_back("anonymous posts wait for a moderator");
  if (parts.empty()) return "Changed the moderation settings: no posts wait for review and slow mode is off.";
  std::string text = "Changed the moderation settings: ";
  for (std::size_t i = 0; i < parts.size(); ++i) text += (i == 0 ? "" : "; ") + parts[i];
  return text + ".";
}

}  // namespace

Status do_save_moderation_settings(const ActionEnvironment& env, AccountId admin, GroupId group_id,
                                   const ModerationSettings& settings) {
  if (auto ok = validate_moderation_settings(settings); !ok) return ok;
  return group_changed_if_done(*env.changes, group_id, write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto group = find_group_in(c, group_id, admin);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
    if (!can_manage(group->viewer)) return make_error(ErrorCode::forbidden, "Only the group's admins can change this.");
    const ModerationSettings before = moderation_settings::find(c, group_id);
    moderation_settings::save(c, group_id, settings);
    if (before.hold_first_posts != settings.hold_first_posts ||
        before.slow_mode_seconds != settings.slow_mode_seconds || before.hold_anonymous != settings.hold_anonymous) {
      moderation_log::NewEntry e;
      e.group_id = group_id;
      e.actor = admin;
      e.action = "settings.moderation";
      e.target_kind = "group";
      e.public_summary = describe_settings(settings);
      e.at = env.clock.now();
      moderation_log::record(c, e);
    }
    return success();
  }));
}

}  // namespace hearth
