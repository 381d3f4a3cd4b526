#pragma once
// Verified members and the badges they choose to show.
//
// PRIVACY: a verification belongs to an account; a badge to a persona. Reads for pages
// (badges_in_group, badge_of) return only what the badge says (kind, profession) keyed by
// persona, never the account, the jurisdiction, the date or anything shared by two personas
// of one account except those words. The admin reads (list) are for platform admins only.
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "domain/verification.hpp"
#include "store/database.hpp"

namespace hearth::verifications {

struct Verification {
  AccountId account_id = 0;
  VerificationKind kind = VerificationKind::health_professional;
  std::string profession;
  std::string jurisdiction;
  UnixMillis verified_at = 0;
  std::optional<UnixMillis> revoked_at;
  bool active() const { return !revoked_at; }
  Badge badge() const { return Badge{kind, profession}; }
};

// Verifies the account (again): replaces any earlier verification, revoked or not.
void upsert(Connection& c, AccountId account, const VerificationDraft& draft, AccountId admin, UnixMillis at);
// Revokes an active verification and removes every badge it showed; false when none was active.
bool revoke(Connection& c, AccountId account, AccountId admin, UnixMillis at);
std::optional<Verification> find(Connection& c, AccountId account);

// For platform admins: every verification with the account's login name, newest first.
struct Listed {
  Verification verification;
  std::string login_name;
};
std::vector<Listed> list(Connection& c, int limit);

// --- Badges: which personas show them ---
void show_badge(Connection& c, PersonaId persona, AccountId account, UnixMillis at);
void hide_badge(Connection& c, PersonaId persona);
void hide_all_badges(Connection& c, AccountId account);
// Is the badge switched on for this persona (whether or not the verification is active)?
bool badge_switched_on(Connection& c, PersonaId persona);
// The badge the persona shows: on, and its account's verification active.
std::optional<Badge> badge_of(Connection& c, PersonaId persona);
// The badges shown by the group's active members, by persona.
std::unordered_map<PersonaId, Badge> badges_in_group(Connection& c, GroupId group);
// Groups where one of the account's badges shows (to tell their pages they changed).
std::vector<GroupId> groups_showing_badges_of(Connection& c, AccountId account);

// Groups where the persona belongs (any status): their pages show its badge.
std::vector<GroupId> groups_of_persona(Connection& c, AccountId account, PersonaId persona);
// The account with this login key (accounts.login_key), for platform admins' forms.
std::optional<AccountId> account_by_login_key(Connection& c, std::string_view key);

struct BadgeCounts {
  int64_t health_professionals = 0;
  int64_t peer_volunteers = 0;
};
BadgeCounts count_in_group(Connection& c, GroupId group);

}  // namespace hearth::verifications
