#pragma once
// The forms that create and edit groups and choose a pseudonym, shared by the create,
// manage, join and invite pages: rendering them and reading them back.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/groups.hpp"
#include "core/result.hpp"
#include "domain/persona.hpp"
#include "web/forms.hpp"

namespace hearth {

// The message for `field` when `error` concerns it, else "".
std::string error_for(const std::optional<Error>& error, std::string_view field);

void textarea_field(Html& h, const Field& field, int rows);
void checkbox_field(Html& h, std::string_view name, std::string_view label, std::string_view hint, bool checked,
                    std::string_view error = {});
// Every value submitted under `name` (checkboxes, multi-selects).
std::vector<std::string> form_values(const PageContext& context, std::string_view name);

// Every field of a group's description and settings (the submit button is the caller's).
void group_fields(Html& h, const GroupDraft& draft, const std::optional<Error>& error);
GroupDraft group_draft_from_form(const PageContext& context);
GroupDraft draft_from_group(const Group& group, std::vector<std::string> rules, std::vector<std::string> questions);

// "Your pseudonym in this group": a fresh one (typed, or the random suggestion) or one of
// the member's own personas reused, with a warning that reuse links the groups.
void persona_choice_fields(Html& h, const PageContext& context, const std::vector<Persona>& mine,
                           const std::optional<Error>& error);
Result<PersonaChoice> persona_choice_from_form(const PageContext& context);
// The viewer's personas, for the reuse choice.
std::vector<Persona> my_personas(const PageContext& context);

// The persona profile fields with an audience choice beside each.
void persona_profile_fields(Html& h, const Persona& persona, const std::optional<Error>& error);
Persona persona_from_form(const PageContext& context);

}  // namespace hearth
