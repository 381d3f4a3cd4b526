#include "actions/persona_choice.hpp"

#include "core/random.hpp"
#include "core/text.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"

namespace hearth {

std::string membership_persona_key(const Persona& persona, MembershipStatus status) {
  if (status == MembershipStatus::active) return persona_key(persona.name);
  return "pending:" + std::to_string(persona.id);
}

Result<Persona> resolve_persona_choice(const ActionEnvironment& env, Connection& c, AccountId account, GroupId group,
                                       const PersonaChoice& choice, bool becomes_active) {
  const auto name_taken = make_error(ErrorCode::conflict,
                                     "Someone in this group already uses that pseudonym. Please choose another.",
                                     "persona_name");
  if (choice.reuse) {
    auto persona = personas::find(c, *choice.reuse);
    if (!persona || persona->account_id != account) {
      return make_error(ErrorCode::invalid_input, "Please choose one of your own personas.", "persona");
    }
    if (becomes_active && memberships::persona_name_taken(c, group, persona_key(persona->name), persona->id)) {
      return name_taken;
    }
    return *persona;
  }
  Persona persona;
  persona.id = random_id();
  persona.account_id = account;
  persona.created_at = env.clock.now();
  persona.name = std::string(trim(choice.new_name));
  if (persona.name.empty()) {
    // A fresh friendly pseudonym; retry on the rare clash inside this group.
    for (int attempt = 0; attempt < 20; ++attempt) {
      persona.name = random_pseudonym();
      if (!memberships::persona_name_taken(c, group, persona_key(persona.name), 0)) break;
    }
  } else {
    if (auto ok = validate_persona_name(persona.name); !ok) return ok.error();
    if (becomes_active && memberships::persona_name_taken(c, group, persona_key(persona.name), 0)) return name_taken;
  }
  personas::insert(c, persona);
  return persona;
}

}  // namespace hearth
