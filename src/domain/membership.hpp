#pragma once
// A member's place in a group: their role and where their request stands.
#include <optional>
#include <string_view>

#include "domain/account.hpp"
#include "domain/group.hpp"

namespace hearth {

using PersonaId = int64_t;

// Ordered: each role can do everything the ones before it can.
enum class Role { member = 0, moderator = 1, admin = 2, owner = 3 };
std::string_view role_name(Role role);  // "member", "moderator", "admin", "owner"
std::optional<Role> parse_role(std::string_view name);
std::string_view role_label(Role role);  // "Member", "Moderator", …

enum class MembershipStatus { active, pending, declined, banned };
std::string_view membership_status_name(MembershipStatus status);
std::optional<MembershipStatus> parse_membership_status(std::string_view name);

struct Membership {
  GroupId group_id = 0;
  AccountId account_id = 0;
  PersonaId persona_id = 0;
  Role role = Role::member;
  bool trained_volunteer = false;
  MembershipStatus status = MembershipStatus::pending;
  std::string decision_reason;
  UnixMillis requested_at = 0;
  std::optional<UnixMillis> joined_at;
};

}  // namespace hearth
