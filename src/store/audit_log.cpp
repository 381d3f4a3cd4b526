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

}  // namespace hearth::audit_log
