#pragma once
// Login sessions, keyed by the hash of their token.
#include <optional>
#include <string>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::sessions {

struct SessionRecord {
  std::string token_hash;
  AccountId account_id = 0;
  UnixMillis last_seen_at = 0;
  UnixMillis expires_at = 0;
};

void insert(Connection& c, const SessionRecord& session, UnixMillis created_at);
std::optional<SessionRecord> find(Connection& c, const std::string& token_hash);
void extend(Connection& c, const std::string& token_hash, UnixMillis last_seen_at, UnixMillis expires_at);
void remove(Connection& c, const std::string& token_hash);
void remove_all_for(Connection& c, AccountId account_id);
void remove_others_for(Connection& c, AccountId account_id, const std::string& keep_token_hash);
int64_t count_for(Connection& c, AccountId account_id, UnixMillis now);

}  // namespace hearth::sessions
