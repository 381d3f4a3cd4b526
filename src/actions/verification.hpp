#pragma once
// Verifying members (platform admins) and showing the badge (the member, per persona).
//
// A platform admin verifies an ACCOUNT, found by the login name the member gives them: no
// admin needs to know, or learn, which personas belong to it. The member then chooses, persona
// by persona, where the badge shows (by default nowhere). Every verification and revocation is
// written in the platform admins' audit log.
#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "store/verifications.hpp"

namespace hearth {

Status do_verify_member(const ActionEnvironment& env, AccountId admin, std::string_view login,
                        const VerificationDraft& draft);
Status do_revoke_verification(const ActionEnvironment& env, AccountId admin, std::string_view login);
Result<std::vector<verifications::Listed>> read_verifications(const ActionEnvironment& env, AccountId admin);

// The member's own verification (active or revoked), for their persona pages.
std::optional<verifications::Verification> read_own_verification(const ActionEnvironment& env, AccountId account);
bool has_active_verification(Connection& c, AccountId account);

// Shows or hides the badge with one of the member's own personas. Showing needs an active
// verification; hiding always works.
Status do_set_badge_shown(const ActionEnvironment& env, AccountId account, PersonaId persona, bool shown);
// Whether the member has switched the badge on for this persona (their own view).
bool read_badge_switched_on(const ActionEnvironment& env, PersonaId persona);

// What pages show next to a persona's name (never on anonymous posts: see
// policy/context_notes.hpp shows_badge_on_post).
std::unordered_map<PersonaId, Badge> read_group_badges(const ActionEnvironment& env, GroupId group);
std::optional<Badge> read_persona_badge(const ActionEnvironment& env, PersonaId persona);

}  // namespace hearth
