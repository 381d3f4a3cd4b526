#pragma once
// The persona a member uses when creating or joining a group.
#include "actions/groups.hpp"
#include "store/database.hpp"

namespace hearth {

// Inside a write transaction: creates the fresh persona, or checks that a reused one is the
// member's own. Either way its name must be free in the group.
Result<Persona> resolve_persona_choice(const ActionEnvironment& env, Connection& c, AccountId account, GroupId group,
                                       const PersonaChoice& choice);

}  // namespace hearth
