#pragma once
// The persona a member uses when creating or joining a group.
#include "actions/groups.hpp"
#include "store/database.hpp"

namespace hearth {

// Inside a write transaction: creates the fresh persona, or checks that a reused one is the
// member's own. For someone who becomes an active member now, its name must be free in the
// group. A request that waits for approval is not checked: answering "that name is taken"
// would tell an outsider who is in a private group. Clashes are settled at approval
// (do_decide_request).
Result<Persona> resolve_persona_choice(const ActionEnvironment& env, Connection& c, AccountId account, GroupId group,
                                       const PersonaChoice& choice, bool becomes_active = true);

// The persona_key a membership row holds: the name's key for active members; a private
// placeholder for pending requests, so that they never reserve (and so reveal) a name.
std::string membership_persona_key(const Persona& persona, MembershipStatus status);

}  // namespace hearth
