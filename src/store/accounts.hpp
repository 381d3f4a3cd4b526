#pragma once
// Accounts: look-ups and writes.
#include <optional>
#include <string>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::accounts {

struct Credentials {
  AccountId id = 0;
  std::string password_hash;
};

struct NewAccount {
  AccountId id = 0;
  std::string login_name;
  std::string password_hash;
  std::string recovery_email;
  UnixMillis created_at = 0;
};

void insert(Connection& c, const NewAccount& account);
bool login_taken(Connection& c, std::string_view login_key);
std::optional<Account> find(Connection& c, AccountId id);
std::optional<Credentials> credentials_by_login(Connection& c, std::string_view login_key);
std::optional<Credentials> credentials_by_id(Connection& c, AccountId id);
void update_preferences(Connection& c, AccountId id, const std::string& time_zone,
                        const std::string& region, const std::string& language);
void update_password(Connection& c, AccountId id, const std::string& password_hash, UnixMillis at);

}  // namespace hearth::accounts
