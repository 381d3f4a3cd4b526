#pragma once
// Platform admins: the people who look after the whole site (escalations, unmasking).
#include <string_view>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::platform_admins {

bool is_admin(Connection& c, AccountId account);
// Grants or withdraws the role by login key (lower-cased login); false when no such account.
bool set_admin(Connection& c, std::string_view login_key, bool admin);

}  // namespace hearth::platform_admins
