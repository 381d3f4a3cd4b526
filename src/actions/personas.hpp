#pragma once
// A member editing one of their personas: its pseudonym and profile.
#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/persona.hpp"

namespace hearth {

// Replaces the persona's name and profile with `draft` (id and account are taken from the
// stored persona). The new name must be free in every group the persona is in.
Result<Persona> do_update_persona(const ActionEnvironment& env, AccountId account, PersonaId persona_id,
                                  const Persona& draft);

}  // namespace hearth
