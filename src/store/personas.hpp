#pragma once
// Personas: pseudonyms and their profiles.
#include <optional>
#include <vector>

#include "domain/persona.hpp"
#include "store/database.hpp"

namespace hearth::personas {

void insert(Connection& c, const Persona& persona);
void update(Connection& c, const Persona& persona);  // name and every profile field
std::optional<Persona> find(Connection& c, PersonaId id);
// The account's personas (for "reuse one of my personas"), newest first.
std::vector<Persona> of_account(Connection& c, AccountId account_id);
// The group a persona is shown in, if it is an active member of that group.
bool is_active_in(Connection& c, PersonaId persona_id, GroupId group_id);
// "This helped" reactions received on the persona's own (non-anonymous) posts in a group.
int64_t helped_count(Connection& c, PersonaId persona_id, GroupId group_id);

}  // namespace hearth::personas
