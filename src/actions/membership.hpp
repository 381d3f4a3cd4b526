#pragma once
// Joining and leaving groups, requests and decisions, invites, roles.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/groups.hpp"
#include "core/result.hpp"
#include "domain/membership.hpp"

namespace hearth {

struct JoinRequest {
  PersonaChoice persona;
  bool accepted_rules = false;
  std::vector<std::string> answers;  // a private group's questions, in order
};

// Public group: joins at once. Private group: a request the admins decide on. Hidden
// group: not possible without an invite (answers "not found", like any hidden group).
Result<MembershipStatus> do_join_group(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                       const JoinRequest& request);
// Joins through an invite link (any privacy level).
Result<Group> do_join_with_invite(const ActionEnvironment& env, AccountId account, std::string_view invite_token,
                                  const JoinRequest& request);

// Approve or decline a pending request; the reason is shown to the applicant.
Status do_decide_request(const ActionEnvironment& env, AccountId decider, GroupId group_id, PersonaId applicant,
                         bool approve, std::string_view reason);

struct NewInvite {
  int64_t id = 0;
  std::string token;  // shown once
};
Result<NewInvite> do_create_invite(const ActionEnvironment& env, AccountId creator, GroupId group_id,
                                   std::optional<int> expires_in_days, std::optional<int> max_uses);
Status do_revoke_invite(const ActionEnvironment& env, AccountId account, GroupId group_id, int64_t invite_id);

Status do_set_role(const ActionEnvironment& env, AccountId manager, GroupId group_id, PersonaId target, Role role);
Status do_set_trained_volunteer(const ActionEnvironment& env, AccountId manager, GroupId group_id, PersonaId target,
                                bool volunteer);
// Leaves the group. The last owner must hand ownership over first.
Status do_leave_group(const ActionEnvironment& env, AccountId account, GroupId group_id);

}  // namespace hearth
