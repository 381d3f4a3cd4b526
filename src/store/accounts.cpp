#include "store/accounts.hpp"

namespace hearth::accounts {
namespace {

Account to_account(const Row& row) {
  return Account{row.i64(0), row.text(1), row.text(2), row.text(3), row.text(4), row.i64(5)};
}

Credentials to_credentials(const Row& row) { return Credentials{row.i64(0), row.text(1)}; }

}  // namespace

void insert(Connection& c, const NewAccount& a) {
  c.run(
      "INSERT INTO accounts (id, login_name, login_key, password_hash, recovery_email, created_at,"
      " password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
      {a.id, a.login_name, login_key(a.login_name), a.password_hash,
       a.recovery_email.empty() ? SqlValue(nullptr) : SqlValue(a.recovery_email), a.created_at, a.created_at});
}

bool login_taken(Connection& c, std::string_view key) {
  return c.first_i64("SELECT 1 FROM accounts WHERE login_key = ?", {std::string(key)}).has_value();
}

std::optional<Account> find(Connection& c, AccountId id) {
  return c.first<Account>(
      "SELECT id, login_name, time_zone, region, language, created_at FROM accounts WHERE id = ?", {id},
      to_account);
}

std::optional<Credentials> credentials_by_login(Connection& c, std::string_view key) {
  return c.first<Credentials>("SELECT id, password_hash FROM accounts WHERE login_key = ?",
                              {std::string(key)}, to_credentials);
}

std::optional<Credentials> credentials_by_id(Connection& c, AccountId id) {
  return c.first<Credentials>("SELECT id, password_hash FROM accounts WHERE id = ?", {id}, to_credentials);
}

void update_preferences(Connection& c, AccountId id, const std::string& time_zone, const std::string& region,
                        const std::string& language) {
  c.run("UPDATE accounts SET time_zone = ?, region = ?, language = ? WHERE id = ?",
        {time_zone, region, language, id});
}

void update_password(Connection& c, AccountId id, const std::string& password_hash, UnixMillis at) {
  c.run("UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE id = ?", {password_hash, at, id});
}

}  // namespace hearth::accounts
