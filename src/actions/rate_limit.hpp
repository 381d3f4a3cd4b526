#pragma once
// Rate limits for the actions that guess secrets (log in, recover) or create accounts.
// Counted in the database inside the action's transaction; buckets are keyed hashes, so
// neither an address nor a login name is stored in clear.
#include <string_view>

#include "actions/environment.hpp"
#include "core/result.hpp"

namespace hearth {

struct RateRule {
  std::string_view name;  // e.g. "login-client"
  int64_t limit;
  int64_t window_ms;
};

// Counts an attempt; an error once the limit is passed.
Status count_attempt(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key);
// An error when the limit is already reached, without counting.
Status check_attempts(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key);
void clear_attempts(const ActionEnvironment& env, Connection& c, const RateRule& rule, std::string_view key);

}  // namespace hearth
