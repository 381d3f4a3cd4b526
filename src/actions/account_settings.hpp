#pragma once
// Changes a member makes to their own account: preferences, password, recovery codes,
// personal access tokens, and recovering access with a one-time code.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/account.hpp"

namespace hearth {

struct Preferences {
  std::string time_zone;  // IANA name or "" (follow the browser)
  std::string region;     // ISO 3166-1 alpha-2 or ""
  std::string language;   // a code from domain/language
};

Result<Account> do_update_preferences(const ActionEnvironment& env, AccountId account_id, const Preferences& input);

// Checks the current password, sets the new one and ends every other session (keeping
// `keep_session_hash`, the one making the change, when it is a session).
Status do_change_password(const ActionEnvironment& env, AccountId account_id, std::string_view current_password,
                          std::string_view new_password, std::string_view keep_session_hash);

// Uses one recovery code to set a new password; ends every session of the account.
Status do_recover_account(const ActionEnvironment& env, std::string_view login, std::string_view code,
                          std::string_view new_password, std::string_view client_key);

// Replaces all recovery codes with fresh ones (shown once).
std::vector<std::string> do_regenerate_recovery_codes(const ActionEnvironment& env, AccountId account_id);

struct NewAccessToken {
  int64_t id = 0;
  std::string name;
  std::string token;  // shown once; only its hash is stored
  UnixMillis created_at = 0;
};

inline constexpr std::size_t max_token_name_length = 60;
inline constexpr int64_t max_access_tokens = 20;

Result<NewAccessToken> do_create_access_token(const ActionEnvironment& env, AccountId account_id,
                                              std::string_view name);
Status do_revoke_access_token(const ActionEnvironment& env, AccountId account_id, int64_t token_id);

}  // namespace hearth
