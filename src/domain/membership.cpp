#include "domain/membership.hpp"

namespace hearth {

std::string_view role_name(Role role) {
  switch (role) {
    case Role::member: return "member";
    case Role::moderator: return "moderator";
    case Role::admin: return "admin";
    case Role::owner: return "owner";
  }
  return "member";
}

std::optional<Role> parse_role(std::string_view name) {
  if (name == "member") return Role::member;
  if (name == "moderator") return Role::moderator;
  if (name == "admin") return Role::admin;
  if (name == "owner") return Role::owner;
  return std::nullopt;
}

std::string_view role_label(Role role) {
  switch (role) {
    case Role::member: return "Member";
    case Role::moderator: return "Moderator";
    case Role::admin: return "Admin";
    case Role::owner: return "Owner";
  }
  return "Member";
}

std::string_view membership_status_name(MembershipStatus status) {
  switch (status) {
    case MembershipStatus::active: return "active";
    case MembershipStatus::pending: return "pending";
    case MembershipStatus::declined: return "declined";
    case MembershipStatus::banned: return "banned";
  }
  return "pending";
}

std::optional<MembershipStatus> parse_membership_status(std::string_view name) {
  if (name == "active") return MembershipStatus::active;
  if (name == "pending") return MembershipStatus::pending;
  if (name == "declined") return MembershipStatus::declined;
  if (name == "banned") return MembershipStatus::banned;
  return std::nullopt;
}

}  // namespace hearth
