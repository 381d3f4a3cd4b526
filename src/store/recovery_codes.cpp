#include "store/recovery_codes.hpp"

namespace hearth::recovery_codes {

void replace_all(Connection& c, AccountId account_id, const std::vector<std::string>& code_hashes) {
  c.run("DELETE FROM recovery_codes WHERE account_id = ?", {account_id});
  for (const auto& hash : code_hashes) {
    c.run("INSERT INTO recovery_codes (account_id, code_hash) VALUES (?, ?)", {account_id, hash});
  }
}

bool consume(Connection& c, AccountId account_id, const std::string& code_hash, UnixMillis at) {
  c.run("UPDATE recovery_codes SET used_at = ? WHERE account_id = ? AND code_hash = ? AND used_at IS NULL",
        {at, account_id, code_hash});
  return c.changes() == 1;
}

int64_t count_unused(Connection& c, AccountId account_id) {
  return c.first_i64("SELECT COUNT(*) FROM recovery_codes WHERE account_id = ? AND used_at IS NULL", {account_id})
      .value_or(0);
}

}  // namespace hearth::recovery_codes
