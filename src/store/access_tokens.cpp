#include "store/access_tokens.hpp"

namespace hearth::access_tokens {
namespace {

AccessToken to_token(const Row& r) {
  return AccessToken{r.i64(0), r.i64(1), r.text(2), r.i64(3), r.optional_i64(4)};
}

}  // namespace

void insert(Connection& c, const AccessToken& t, const std::string& token_hash) {
  c.run("INSERT INTO access_tokens (id, account_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
        {t.id, t.account_id, t.name, token_hash, t.created_at});
}

std::optional<AccessToken> find_by_hash(Connection& c, const std::string& token_hash) {
  return c.first<AccessToken>(
      "SELECT id, account_id, name, created_at, last_used_at FROM access_tokens WHERE token_hash = ?", {token_hash},
      to_token);
}

std::vector<AccessToken> list_for(Connection& c, AccountId account_id) {
  return c.all<AccessToken>(
      "SELECT id, account_id, name, created_at, last_used_at FROM access_tokens WHERE account_id = ?"
      " ORDER BY created_at DESC, id",
      {account_id}, to_token);
}

void touch(Connection& c, int64_t id, UnixMillis at) {
  c.run("UPDATE access_tokens SET last_used_at = ? WHERE id = ?", {at, id});
}

bool remove(Connection& c, AccountId account_id, int64_t id) {
  c.run("DELETE FROM access_tokens WHERE id = ? AND account_id = ?", {id, account_id});
  return c.changes() == 1;
}

int64_t count_for(Connection& c, AccountId account_id) {
  return c.first_i64("SELECT COUNT(*) FROM access_tokens WHERE account_id = ?", {account_id}).value_or(0);
}

}  // namespace hearth::access_tokens
