// The author- and member-level steps of moderation (actions/moderation_steps.hpp): warn,
// mute, ban, lift, notes, escalation, and the log line each writes.
#include <fmt/format.h>

#include "actions/moderation_steps.hpp"
#include "core/random.hpp"
#include "policy/moderation.hpp"
#include "store/escalations.hpp"
#include "store/memberships.hpp"
#include "store/moderation_log.hpp"
#include "store/moderator_notes.hpp"
#include "store/sanctions.hpp"

namespace hearth::moderation_steps {
namespace {

constexpr int64_t hour_ms = int64_t{3600} * 1000;

SanctionKind kind_of(ModerationAction action) {
  switch (action) {
    case ModerationAction::mute:
    case ModerationAction::unmute:
      return SanctionKind::mute;
    case ModerationAction::ban:
    case ModerationAction::unban:
      return SanctionKind::ban;
    default:
      return SanctionKind::warning;
  }
}

Error not_yours_to_act_on() {
  return make_error(ErrorCode::forbidden,
                    "Moderators can act on members, and admins on moderators too. Nobody can act on themselves or on "
                    "someone whose role is the same as theirs or above.");
}

// Only for a target shown by their persona: for an anonymous author the refusal itself would
// say who they are (see handle_sanction_applies for what happens instead).
Status check_persona_target(const Scene& s) {
  if (s.target.through_handle()) return success();
  if (!can_sanction_member(s.group.viewer, s.target.role(), s.target.account == s.moderator)) {
    return not_yours_to_act_on();
  }
  return success();
}

std::string what_was_done(const ModerationRequest& r) {
  switch (r.action) {
    case ModerationAction::warn:
      return "Warned a member";
    case ModerationAction::mute:
      return "Muted a member for " + describe_duration(r.mute_hours * 3600);
    case ModerationAction::ban:
      return "Banned a member";
    case ModerationAction::unmute:
      return "Lifted a member's mute";
    case ModerationAction::unban:
      return "Lifted a ban";
    default:
      break;
  }
  return "Acted on a member";
}

// A ban through a persona: the target's membership becomes banned (an author who had left
// gets a banned membership, so they can't join again), and their pseudonym stays reserved
// while the ban lasts. A ban through an anonymous post's handle leaves the membership alone:
// a persona that turned banned, or a banned row that appeared, would tell moderators and
// members whose post it was. The sanction row alone enforces it (memberships::find_own).
void ban_membership(Scene& s) {
  if (s.target.through_handle()) return;
  const auto& m = s.target.membership;
  if (m) {
    if (m->status != MembershipStatus::banned) {
      memberships::set_status(s.c, s.group.group.id, s.target.account, MembershipStatus::banned, "", m->joined_at);
    }
    return;
  }
  const PersonaId persona = s.post ? s.post->author_persona_id : s.target.subject.persona_id.value_or(0);
  Membership banned{
      s.group.group.id, s.target.account, persona, Role::member, false, MembershipStatus::banned, "", s.now,
      std::nullopt};
  memberships::insert(s.c, banned, "banned:" + std::to_string(persona), "");
}

// After a ban is lifted: the member is back (or, if they had left before the ban, simply
// gone), unless another ban through their persona still stands. A ban through a handle still
// in force keeps them out (memberships::find_own) but must not keep the row banned: a
// persona that stayed banned after its own ban was lifted would point at the anonymous post.
// (Rows banned through a handle before handle bans stopped touching rows are restored here
// too, when that ban is lifted.)
void restore_membership(Scene& s, AccountId account) {
  const GroupId group_id = s.group.group.id;
  const auto m = memberships::find(s.c, group_id, account);
  if (!m || m->status != MembershipStatus::banned || sanctions::banned_by_persona_in(s.c, group_id, account)) return;
  const auto key = s.c.first<std::string>("SELECT persona_key FROM memberships WHERE group_id = ? AND account_id = ?",
                                          {group_id, account}, [](const Row& r) { return r.text(0); });
  if (key && key->rfind("banned:", 0) == 0) {
    memberships::remove(s.c, group_id, account);
  } else {
    memberships::set_status(s.c, group_id, account, MembershipStatus::active, "", m->joined_at.value_or(s.now));
  }
}

}  // namespace

std::string public_summary(std::string_view what, std::optional<int> rule, const std::vector<std::string>& rules) {
  std::string summary(what);
  if (rule && *rule >= 1 && static_cast<std::size_t>(*rule) <= rules.size()) {
    summary += fmt::format(". Breaks rule {}: {}", *rule, rules[static_cast<std::size_t>(*rule - 1)]);
  }
  if (!summary.empty() && summary.back() != '.') summary += '.';
  return summary;
}

void log(Scene& s, std::string_view action, bool about_post, const std::string& summary, const ModerationRequest& r) {
  moderation_log::NewEntry e;
  e.group_id = s.group.group.id;
  e.actor = s.moderator;
  e.action = std::string(action);
  e.thread_id = s.target.thread_id;
  if (about_post && s.target.post_id) {
    e.target_kind = "post";
    e.target_id = s.target.post_id;
    e.handle = s.target.subject.handle;
  } else if (s.target.through_handle()) {
    e.target_kind = "handle";
    e.target_id = s.target.post_id;
    e.handle = s.target.subject.handle;
  } else {
    e.target_kind = "persona";
    e.target_id = s.target.subject.persona_id;
  }
  e.reason = r.reason;
  e.rule = r.rule;
  e.public_summary = summary;
  e.at = s.now;
  moderation_log::record(s.c, e);
}

namespace {

void insert_sanction(Scene& s, SanctionKind kind, const ModerationRequest& r, bool applies) {
  sanctions::NewSanction row;
  row.id = random_id();
  row.group_id = s.group.group.id;
  row.account_id = s.target.account;
  row.subject = s.target.subject;
  row.post_id = s.target.post_id;
  row.thread_id = s.target.thread_id;
  row.kind = kind;
  row.reason = r.reason;
  row.rule = r.rule;
  if (kind == SanctionKind::mute) row.ends_at = s.now + r.mute_hours * hour_ms;
  row.actor = s.moderator;
  row.at = s.now;
  row.applied = applies;
  sanctions::insert(s.c, row);
}

}  // namespace

void removal_strike(Scene& s, const ModerationRequest& r) {
  insert_sanction(s, SanctionKind::removal, r, true);
}

Status sanction(Scene& s, const ModerationRequest& r, Changes& changes) {
  if (auto ok = check_persona_target(s); !ok) return ok;
  const SanctionKind kind = kind_of(r.action);
  const bool applies = kind == SanctionKind::warning || !s.target.through_handle() ||
                       handle_sanction_applies(s.target.role(), s.target.account == s.moderator);
  insert_sanction(s, kind, r, applies);
  if (!applies) {
    escalate(s, fmt::format("A moderator asked to {} the author of an anonymous post, who is one of the group's own "
                            "moderators or admins (or the moderator who asked), so Hearth did not apply it. Their "
                            "reason: {}",
                            kind == SanctionKind::mute ? "mute" : "ban", r.reason));
  } else if (kind == SanctionKind::ban) {
    ban_membership(s);
  }
  if (kind == SanctionKind::ban) changes.group = true;
  const std::string_view action = kind == SanctionKind::warning ? "member.warned"
                                  : kind == SanctionKind::mute  ? "member.muted"
                                                                : "member.banned";
  log(s, action, false, public_summary(what_was_done(r), r.rule, s.rules), r);
  return success();
}

Status lift(Scene& s, const ModerationRequest& r, Changes& changes) {
  if (auto ok = check_persona_target(s); !ok) return ok;
  const SanctionKind kind = kind_of(r.action);
  const auto accounts = sanctions::lift(s.c, s.group.group.id, s.target.subject, kind, s.now);
  if (accounts.empty()) {
    return make_error(ErrorCode::conflict, kind == SanctionKind::mute ? "There is no mute in force to lift."
                                                                      : "There is no ban in force to lift.");
  }
  if (kind == SanctionKind::ban) {
    for (const AccountId account : accounts) restore_membership(s, account);
    changes.group = true;
  }
  log(s, kind == SanctionKind::mute ? "member.unmuted" : "member.unbanned", false,
      public_summary(what_was_done(r), std::nullopt, s.rules), r);
  return success();
}

void note(Scene& s, const ModerationRequest& r) {
  moderator_notes::add(s.c, s.group.group.id, s.target.subject, r.reason, s.moderator, s.now);
}

void escalate(Scene& s, const std::string& reason) {
  escalations::insert(
      s.c, {random_id(), s.group.group.id, s.item, s.item_id, s.target.thread_id, reason, s.moderator, s.now});
}

}  // namespace hearth::moderation_steps
