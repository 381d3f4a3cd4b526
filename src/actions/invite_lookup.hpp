#pragma once
// Reading an invite link before joining through it: the invite page shows the group's name
// and rules to whoever holds a working link (the token is the secret that grants it).
#include <optional>
#include <string_view>

#include "actions/environment.hpp"
#include "domain/group.hpp"
#include "store/invites.hpp"

namespace hearth {

// Not withdrawn, not expired, not used up. do_join_with_invite applies the same test.
bool invite_is_usable(const invites::Invite& invite, UnixMillis now);

// The group a working invite link leads to; nothing for a wrong, expired, used-up or
// withdrawn link (all alike, so a link reveals nothing once it stops working).
std::optional<Group> find_group_by_invite(const ActionEnvironment& env, std::string_view token);

}  // namespace hearth
