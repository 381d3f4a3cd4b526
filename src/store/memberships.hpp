#pragma once
// Memberships: who belongs to which group, as which persona, in which role.
#include <optional>
#include <string>
#include <vector>

#include "domain/membership.hpp"
#include "store/database.hpp"

namespace hearth::memberships {

void insert(Connection& c, const Membership& membership, const std::string& persona_key, const std::string& answers);
// The membership row as it stands: what moderators and members see of someone (member lists,
// persona pages, counts all read the rows).
std::optional<Membership> find(Connection& c, GroupId group_id, AccountId account_id);
// The account's OWN standing in the group, for deciding what it may do and read: a ban in
// force (store/sanctions banned_in) reads as banned here whatever the row says, and even
// with no row. A ban through an anonymous post's handle leaves the row alone, so that no
// one else can tell whom it fell on (ARCHITECTURE.md, accountable anonymity); this is
// where it takes effect. Never use it to show someone else's membership.
std::optional<Membership> find_own(Connection& c, GroupId group_id, AccountId account_id);
bool persona_name_taken(Connection& c, GroupId group_id, const std::string& persona_key, PersonaId except_persona);
void set_status(Connection& c, GroupId group_id, AccountId account_id, MembershipStatus status,
                const std::string& reason, std::optional<UnixMillis> joined_at);
void set_role(Connection& c, GroupId group_id, AccountId account_id, Role role);
void set_volunteer(Connection& c, GroupId group_id, AccountId account_id, bool volunteer);
// A renamed persona's key, in the groups where it is an active member (pending requests keep
// their placeholder key until approval).
void set_persona_key(Connection& c, PersonaId persona_id, const std::string& persona_key);
void set_persona(Connection& c, GroupId group_id, AccountId account_id, PersonaId persona_id,
                 const std::string& persona_key);
void remove(Connection& c, GroupId group_id, AccountId account_id);
int64_t count_with_role(Connection& c, GroupId group_id, Role role);

// The groups an account is an active member of (and not banned from, see find_own), most
// recently active first.
struct MyGroup {
  GroupId id = 0;
  std::string slug;
  std::string name;
  std::string persona_name;
  Role role = Role::member;
  int64_t unread_threads = 0;
  UnixMillis last_activity_at = 0;
};
std::vector<MyGroup> groups_of(Connection& c, AccountId account_id);

// Requests waiting for a decision, with the persona name and answers (for admins).
// No account id: pages and the API show requests by persona only.
struct PendingRequest {
  PersonaId persona_id = 0;
  std::string persona_name;
  std::string answers;       // JSON array of strings
  UnixMillis requested_at = 0;
};
std::vector<PendingRequest> pending(Connection& c, GroupId group_id);

// Active members as their personas (for the member list).
struct MemberEntry {
  PersonaId persona_id = 0;
  std::string persona_name;
  Role role = Role::member;
  bool trained_volunteer = false;
};
std::vector<MemberEntry> active_members(Connection& c, GroupId group_id, int limit);
int64_t count_active(Connection& c, GroupId group_id);
int64_t count_volunteers(Connection& c, GroupId group_id);

}  // namespace hearth::memberships
