#pragma once
// Creating and describing groups.
#include <optional>
#include <string>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/group.hpp"
#include "domain/persona.hpp"

namespace hearth {

// Which persona a member shows in a group they create or join: a fresh one (with the name
// they typed, or a random friendly one), or one of their existing personas, reused.
struct PersonaChoice {
  std::string new_name;               // empty: a random pseudonym
  std::optional<PersonaId> reuse;     // one of the member's own personas
};

// Creates the group with the creator as its owner. The slug comes from the name (with a
// number added when taken).
Result<Group> do_create_group(const ActionEnvironment& env, AccountId creator, const GroupDraft& draft,
                              const PersonaChoice& persona);
// Admins and the owner change the description, rules, questions and settings.
Result<Group> do_update_group(const ActionEnvironment& env, AccountId editor, GroupId group_id, const GroupDraft& draft);

Status do_add_group_service(const ActionEnvironment& env, AccountId editor, GroupId group_id, GroupService service);
Status do_remove_group_service(const ActionEnvironment& env, AccountId editor, GroupId group_id, int64_t service_id);

}  // namespace hearth
