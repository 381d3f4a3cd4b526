#include "store/audit_log.hpp"

#include "core/random.hpp"

namespace hearth::audit_log {

void record(Connection& c, AccountId account_id, std::string_view action, UnixMillis at) {
  c.run("INSERT INTO audit_log (id, account_id, action, created_at) VALUES (?, ?, ?, ?)",
        {random_id(), account_id, std::string(action), at});
}

std::vector<Entry> recent_for(Connection& c, AccountId account_id, int limit) {
  return c.all<Entry>(
      "SELECT action, created_at FROM audit_log WHERE account_id = ? ORDER BY created_at DESC LIMIT ?",
      {account_id, int64_t{limit}}, [](const Row& r) { return Entry{r.text(0), r.i64(1)}; });
}

void record_admin(Connection& c, AccountId admin, std::string_view action, std::string_view detail, UnixMillis at) {
  c.run("INSERT INTO audit_log (id, account_id, action, created_at, detail) VALUES (?, ?, ?, ?, ?)",
        {random_id(), admin, std::string(action), at, std::string(detail)});
}

std::vector<AdminEntry> admin_entries(Connection& c, int limit) {
  // A range on the action (every "admin.…" sorts between "admin." and "admin/") uses the
  // audit_log_action index on both engines, where LIKE might not.
  return c.all<AdminEntry>(
      "SELECT COALESCE(a.login_name, ''), l.action, l.detail, l.created_at FROM audit_log l"
      " LEFT JOIN accounts a ON a.id = l.account_id"
      " WHERE l.action >= 'admin.' AND l.action < 'admin/' ORDER BY l.created_at DESC, l.id DESC LIMIT ?",
      {int64_t{limit}}, [](const Row& r) { return AdminEntry{r.text(0), r.text(1), r.text(2), r.i64(3)}; });
}

}  // namespace hearth::audit_log
