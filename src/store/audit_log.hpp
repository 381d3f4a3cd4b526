#pragma once
// The audit log: security-relevant events on an account (sign-up, password change,
// recovery code used, logout everywhere, token created or revoked).
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::audit_log {

struct Entry {
  std::string action;
  UnixMillis at = 0;
};

void record(Connection& c, AccountId account_id, std::string_view action, UnixMillis at);
std::vector<Entry> recent_for(Connection& c, AccountId account_id, int limit);

}  // namespace hearth::audit_log
