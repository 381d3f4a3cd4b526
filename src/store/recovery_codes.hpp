#pragma once
// One-time recovery codes, stored as hashes.
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth::recovery_codes {

void replace_all(Connection& c, AccountId account_id, const std::vector<std::string>& code_hashes);
// Marks the code used; false when it does not exist or was used already.
bool consume(Connection& c, AccountId account_id, const std::string& code_hash, UnixMillis at);
int64_t count_unused(Connection& c, AccountId account_id);

}  // namespace hearth::recovery_codes
