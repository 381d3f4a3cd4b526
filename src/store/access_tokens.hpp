#pragma once
// Personal access tokens for API clients, stored as hashes.
#include <optional>
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::access_tokens {

struct AccessToken {
  int64_t id = 0;
  AccountId account_id = 0;
  std::string name;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> last_used_at;
};

void insert(Connection& c, const AccessToken& token, const std::string& token_hash);
std::optional<AccessToken> find_by_hash(Connection& c, const std::string& token_hash);
std::vector<AccessToken> list_for(Connection& c, AccountId account_id);
void touch(Connection& c, int64_t id, UnixMillis at);
// Deletes the token if it belongs to the account; false when there is no such token.
bool remove(Connection& c, AccountId account_id, int64_t id);
int64_t count_for(Connection& c, AccountId account_id);

}  // namespace hearth::access_tokens
