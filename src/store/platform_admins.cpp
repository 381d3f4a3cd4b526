#include "store/platform_admins.hpp"

namespace hearth::platform_admins {

bool is_admin(Connection& c, AccountId account) {
  return c.first_i64("SELECT platform_admin FROM accounts WHERE id = ?", {account}).value_or(0) != 0;
}

bool set_admin(Connection& c, std::string_view login_key, bool admin) {
  c.run("UPDATE accounts SET platform_admin = ? WHERE login_key = ?", {int64_t{admin}, std::string(login_key)});
  return c.changes() > 0;
}

}  // namespace hearth::platform_admins
