#include "actions/membership.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "actions/group_lookup.hpp"
#include "actions/invite_lookup.hpp"
#include "actions/persona_choice.hpp"
#include "actions/transaction.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "store/audit_log.hpp"
#include "store/groups.hpp"
#include "store/invites.hpp"
#include "store/memberships.hpp"
#include "store/moderation_log.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

constexpr int64_t day_ms = int64_t{24} * 3600 * 1000;

Error not_allowed() { return make_error(ErrorCode::forbidden, "Only the group's admins and moderators can do this."); }

// Checks the rules were accepted and the questions answered; returns the answers as JSON.
Result<std::string> check_join_request(Connection& c, GroupId group_id, const JoinRequest& request, bool needs_answers) {
  if (!groups::rules(c, group_id).empty() && !request.accepted_rules) {
    return make_error(ErrorCode::invalid_input, "Please read the group's rules and tick the box to accept them.",
                      "accept_rules");
  }
  boost::json::array answers;
  if (needs_answers) {
    const auto questions = groups::questions(c, group_id);
    for (std::size_t i = 0; i < questions.size(); ++i) {
      const std::string answer = i < request.answers.size() ? std::string(trim(request.answers[i])) : "";
      const std::string field = fmt::format("answer_{}", i + 1);
      if (answer.empty()) {
        return make_error(ErrorCode::invalid_input, fmt::format("Please answer question {}.", i + 1), field);
      }
      if (!is_valid_utf8(answer) || has_control_characters(answer) || utf8_length(answer) > max_answer_length) {
        return make_error(ErrorCode::invalid_input,
                          fmt::format("Answer {} can have at most {} characters.", i + 1, max_answer_length), field);
      }
      answers.emplace_back(answer);
    }
  }
  return boost::json::serialize(answers);
}

Result<MembershipStatus> add_member(const ActionEnvironment& env, Connection& c, AccountId account, const Group& group,
                                    const JoinRequest& request, MembershipStatus status, const std::string& answers) {
  // A declined (or, through an invite, pending) request is replaced by the new one. It goes
  // first so that its pseudonym does not count as taken: asking again under the same name
  // must work. The caller's transaction rolls this back if anything below fails.
  memberships::remove(c, group.id, account);
  const bool active = status == MembershipStatus::active;
  auto persona = resolve_persona_choice(env, c, account, group.id, request.persona, active);
  if (!persona) return persona.error();
  const UnixMillis now = env.clock.now();
  Membership m{group.id, account, persona->id, Role::member, false, status, "", now,
               active ? std::optional<UnixMillis>(now) : std::nullopt};
  memberships::insert(c, m, membership_persona_key(*persona, status), answers);
  return status;
}

// The target's membership, found by the persona they show in this group.
std::optional<Membership> member_by_persona(Connection& c, GroupId group_id, PersonaId persona_id) {
  return c.first<Membership>(
      "SELECT account_id FROM memberships WHERE group_id = ? AND persona_id = ?", {group_id, persona_id},
      [&](const Row& r) { return memberships::find(c, group_id, r.i64(0)).value_or(Membership{}); });
}

}  // namespace

Result<MembershipStatus> do_join_group(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                       const JoinRequest& request) {
  return group_changed_if_done(*env.changes, group_id, write_or_error<MembershipStatus>(env, [&](Connection& c) -> Result<MembershipStatus> {
    auto view = find_group_in(c, group_id, account);
    if (!view) return group_not_found();
    switch (join_path(view->group.privacy, view->viewer)) {
      case JoinPath::already_member: return make_error(ErrorCode::conflict, "You are already a member of this group.");
      case JoinPath::pending: return make_error(ErrorCode::conflict, "Your request to join is waiting for the admins.");
      case JoinPath::banned: return make_error(ErrorCode::forbidden, "You can't join this group.");
      case JoinPath::invite_only:
      case JoinPath::none: return group_not_found();
      case JoinPath::join_directly: {
        auto answers = check_join_request(c, group_id, request, false);
        if (!answers) return answers.error();
        return add_member(env, c, account, view->group, request, MembershipStatus::active, *answers);
      }
      case JoinPath::request: {
        auto answers = check_join_request(c, group_id, request, true);
        if (!answers) return answers.error();
        return add_member(env, c, account, view->group, request, MembershipStatus::pending, *answers);
      }
    }
    return group_not_found();
  }));
}

Result<Group> do_join_with_invite(const ActionEnvironment& env, AccountId account, std::string_view token,
                                  const JoinRequest& request) {
  const auto invalid = make_error(ErrorCode::not_found,
                                  "This invite link doesn't work any more. It may have expired, been used up or been "
                                  "withdrawn. Please ask for a new one.");
  if (token.empty() || token.size() > 100) return invalid;
  const std::string token_hash = hash_secret(token);
  auto joined = write_or_error<Group>(env, [&](Connection& c) -> Result<Group> {
    const auto invite = invites::find_by_hash(c, token_hash);
    const UnixMillis now = env.clock.now();
    if (!invite || !invite_is_usable(*invite, now)) return invalid;
    auto group = groups::find(c, invite->group_id);
    if (!group) return invalid;
    const auto existing = memberships::find_own(c, group->id, account);
    if (existing && existing->status == MembershipStatus::active) return *group;
    if (existing && existing->status == MembershipStatus::banned) return make_error(ErrorCode::forbidden, "You can't join this group.");
    auto answers = check_join_request(c, group->id, request, false);
    if (!answers) return answers.error();
    auto added = add_member(env, c, account, *group, request, MembershipStatus::active, *answers);
    if (!added) return added.error();
    invites::count_use(c, invite->id);
    return *group;
  });
  if (joined) env.changes->group_changed(joined->id);
  return joined;
}

Status do_decide_request(const ActionEnvironment& env, AccountId decider, GroupId group_id, PersonaId applicant,
                         bool approve, std::string_view raw_reason) {
  const std::string reason(trim(raw_reason));
  if (!is_valid_utf8(reason) || has_control_characters(reason) || utf8_length(reason) > 500) {
    return make_error(ErrorCode::invalid_input, "The reason can have at most 500 characters.", "reason");
  }
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Status {
    auto view = find_group_in(c, group_id, decider);
    if (!view) return group_not_found();
    if (!can_moderate(view->viewer)) return not_allowed();
    const auto target = member_by_persona(c, group_id, applicant);
    if (!target || target->status != MembershipStatus::pending) {
      return make_error(ErrorCode::not_found, "That request has already been decided or withdrawn.");
    }
    const UnixMillis now = env.clock.now();
    if (approve) {
      // The applicant's pseudonym was not reserved while they waited. If a member took it
      // meanwhile, the applicant gets a fresh random one here (they can change it later).
      const auto persona = personas::find(c, target->persona_id);
      PersonaId shown = target->persona_id;
      std::string key = persona ? persona_key(persona->name) : "";
      if (!persona || memberships::persona_name_taken(c, group_id, key, target->persona_id)) {
        auto fresh = resolve_persona_choice(env, c, target->account_id, group_id, PersonaChoice{}, true);
        if (!fresh) return fresh.error();
        shown = fresh->id;
        key = persona_key(fresh->name);
      }
      memberships::set_persona(c, group_id, target->account_id, shown, key);
    }
    memberships::set_status(c, group_id, target->account_id,
                            approve ? MembershipStatus::active : MembershipStatus::declined, reason,
                            approve ? std::optional<UnixMillis>(now) : std::nullopt);
    moderation_log::record(c, group_id, decider, approve ? "request.approved" : "request.declined", now);
    return success();
  }));
}

Result<NewInvite> do_create_invite(const ActionEnvironment& env, AccountId creator, GroupId group_id,
                                   std::optional<int> expires_in_days, std::optional<int> max_uses) {
  if (expires_in_days && (*expires_in_days < 1 || *expires_in_days > 365)) {
    return make_error(ErrorCode::invalid_input, "An invite can last from 1 to 365 days.", "expires_in_days");
  }
  if (max_uses && (*max_uses < 1 || *max_uses > 10000)) {
    return make_error(ErrorCode::invalid_input, "An invite can be used from 1 to 10,000 times.", "max_uses");
  }
  NewInvite invite{random_id(), random_token(24)};
  return env.store.write([&](Connection& c) -> Result<NewInvite> {
    auto view = find_group_in(c, group_id, creator);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return make_error(ErrorCode::forbidden, "Only the group's admins can make invite links.");
    const UnixMillis now = env.clock.now();
    invites::Invite row{invite.id, group_id, now,
                        expires_in_days ? std::optional<UnixMillis>(now + *expires_in_days * day_ms) : std::nullopt,
                        max_uses ? std::optional<int64_t>(*max_uses) : std::nullopt, 0, std::nullopt};
    invites::insert(c, row, hash_secret(invite.token), creator);
    return invite;
  });
}

Status do_revoke_invite(const ActionEnvironment& env, AccountId account, GroupId group_id, int64_t invite_id) {
  return env.store.write([&](Connection& c) -> Status {
    auto view = find_group_in(c, group_id, account);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return make_error(ErrorCode::forbidden, "Only the group's admins can withdraw invites.");
    if (!invites::revoke(c, group_id, invite_id, env.clock.now())) {
      return make_error(ErrorCode::not_found, "That invite doesn't exist or was already withdrawn.");
    }
    return success();
  });
}

Status do_set_role(const ActionEnvironment& env, AccountId manager, GroupId group_id, PersonaId target_persona, Role role) {
  return group_changed_if_done(*env.changes, group_id, write_or_error<Done>(env, [&](Connection& c) -> Result<Done> {
    auto view = find_group_in(c, group_id, manager);
    if (!view) return group_not_found();
    // Before looking the target up: otherwise "not found" versus "forbidden" would tell
    // anyone who can see a private group whether a persona belongs to it.
    if (!can_manage(view->viewer)) return make_error(ErrorCode::forbidden, "You can't give that role to that member.");
    const auto target = member_by_persona(c, group_id, target_persona);
    if (!target || target->status != MembershipStatus::active) {
      return make_error(ErrorCode::not_found, "That person isn't an active member of this group.");
    }
    if (!can_change_role(view->viewer, target->role, role, target->account_id == manager)) {
      return make_error(ErrorCode::forbidden, "You can't give that role to that member.");
    }
    memberships::set_role(c, group_id, target->account_id, role);
    moderation_log::record(c, group_id, manager, "role.changed", env.clock.now());
    if (role == Role::owner) memberships::set_role(c, group_id, manager, Role::admin);  // ownership handed over
    if (memberships::count_with_role(c, group_id, Role::owner) != 1) {
      return make_error(ErrorCode::conflict, "A group always has exactly one owner.");
    }
    return Done{};
  }));
}

Status do_set_trained_volunteer(const ActionEnvironment& env, AccountId manager, GroupId group_id,
                                PersonaId target_persona, bool volunteer) {
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Status {
    auto view = find_group_in(c, group_id, manager);
    if (!view) return group_not_found();
    if (!can_manage(view->viewer)) return make_error(ErrorCode::forbidden, "Only the group's admins can grant this badge.");
    const auto target = member_by_persona(c, group_id, target_persona);
    if (!target || target->status != MembershipStatus::active) {
      return make_error(ErrorCode::not_found, "That person isn't an active member of this group.");
    }
    memberships::set_volunteer(c, group_id, target->account_id, volunteer);
    return success();
  }));
}

Status do_leave_group(const ActionEnvironment& env, AccountId account, GroupId group_id) {
  return group_changed_if_done(*env.changes, group_id, env.store.write([&](Connection& c) -> Status {
    const auto membership = memberships::find_own(c, group_id, account);
    if (!membership || membership->status == MembershipStatus::banned) return group_not_found();
    if (membership->role == Role::owner) {
      return make_error(ErrorCode::conflict,
                        "You own this group. Please make another member the owner before you leave.");
    }
    memberships::remove(c, group_id, account);
    return success();
  }));
}

}  // namespace hearth
