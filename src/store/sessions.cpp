#include "store/sessions.hpp"

namespace hearth::sessions {

void insert(Connection& c, const SessionRecord& s, UnixMillis created_at) {
  c.run("INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        {s.token_hash, s.account_id, created_at, s.last_seen_at, s.expires_at});
}

std::optional<SessionRecord> find(Connection& c, const std::string& token_hash) {
  return c.first<SessionRecord>(
      "SELECT token_hash, account_id, last_seen_at, expires_at FROM sessions WHERE token_hash = ?", {token_hash},
      [](const Row& r) { return SessionRecord{r.text(0), r.i64(1), r.i64(2), r.i64(3)}; });
}

void extend(Connection& c, const std::string& token_hash, UnixMillis last_seen_at, UnixMillis expires_at) {
  c.run("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE token_hash = ?",
        {last_seen_at, expires_at, token_hash});
}

void remove(Connection& c, const std::string& token_hash) {
  c.run("DELETE FROM sessions WHERE token_hash = ?", {token_hash});
}

void remove_all_for(Connection& c, AccountId account_id) {
  c.run("DELETE FROM sessions WHERE account_id = ?", {account_id});
}

void remove_others_for(Connection& c, AccountId account_id, const std::string& keep_token_hash) {
  c.run("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?", {account_id, keep_token_hash});
}

int64_t count_for(Connection& c, AccountId account_id, UnixMillis now) {
  return c.first_i64("SELECT COUNT(*) FROM sessions WHERE account_id = ? AND expires_at > ?", {account_id, now})
      .value_or(0);
}

}  // namespace hearth::sessions
