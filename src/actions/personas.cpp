#include "actions/personas.hpp"

#include "actions/transaction.hpp"
#include "core/text.hpp"
#include "domain/country.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"

namespace hearth {

Result<Persona> do_update_persona(const ActionEnvironment& env, AccountId account, PersonaId persona_id,
                                  const Persona& draft) {
  Persona updated = draft;
  updated.name = std::string(trim(draft.name));
  updated.about.value = std::string(trim(draft.about.value));
  updated.pronouns.value = std::string(trim(draft.pronouns.value));
  if (auto ok = validate_persona_name(updated.name); !ok) return ok.error();
  if (auto ok = validate_persona_profile(updated); !ok) return ok.error();
  if (const Country* country = updated.region.value.empty() ? nullptr : find_country(updated.region.value)) {
    updated.region.value = std::string(country->code);
  }
  std::vector<GroupId> shown_in;
  auto saved = write_or_error<Persona>(env, [&](Connection& c) -> Result<Persona> {
    const auto stored = personas::find(c, persona_id);
    if (!stored || stored->account_id != account) return make_error(ErrorCode::not_found, "There is no such persona.");
    updated.id = stored->id;
    updated.account_id = stored->account_id;
    updated.created_at = stored->created_at;
    const std::string key = persona_key(updated.name);
    const bool clash = c.first_i64(
                            "SELECT 1 FROM memberships mine JOIN memberships other ON other.group_id = mine.group_id"
                            " WHERE mine.persona_id = ? AND mine.status = 'active' AND other.persona_key = ?"
                            " AND other.persona_id <> ?",
                            {persona_id, key, persona_id})
                           .has_value();
    if (clash) {
      return make_error(ErrorCode::conflict, "Someone in one of your groups already uses that pseudonym.", "persona_name");
    }
    personas::update(c, updated);
    memberships::set_persona_key(c, persona_id, key);
    shown_in = c.all<GroupId>("SELECT group_id FROM memberships WHERE persona_id = ?", {persona_id},
                              [](const Row& r) { return r.i64(0); });
    return updated;
  });
  // The persona's name and profile show on every page of the groups it is used in.
  if (saved) {
    for (const GroupId group : shown_in) env.changes->group_changed(group);
  }
  return saved;
}

}  // namespace hearth
