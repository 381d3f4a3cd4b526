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

// What platform admins did ("admin.…" actions: unmasking an anonymous author, resolving
// an escalation), with what and why. Every platform admin reads these, so that no one of
// them can unmask anybody unseen.
void record_admin(Connection& c, AccountId admin, std::string_view action, std::string_view detail, UnixMillis at);
struct AdminEntry {
  std::string admin_login;  // shown to platform admins only
  std::string action;
  std::string detail;
  UnixMillis at = 0;
};
std::vector<AdminEntry> admin_entries(Connection& c, int limit);

}  // namespace hearth::audit_log
