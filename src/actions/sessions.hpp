#pragma once
// Sign-up, log-in, log-out and recognising who is making a request.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/account.hpp"

namespace hearth {

struct SignUpInput {
  std::string login;
  std::string password;
  std::string recovery_email;
  std::string client_key;  // from the request, for the per-client limit
};

struct SignUpOutcome {
  AccountId account_id = 0;
  std::vector<std::string> recovery_codes;  // shown once, stored only as hashes
};

Result<SignUpOutcome> do_sign_up(const ActionEnvironment& env, const SignUpInput& input);

struct NewSession {
  std::string token;  // 256 random bits; only its hash is stored
  AccountId account_id = 0;
  UnixMillis expires_at = 0;
};

Result<NewSession> do_log_in(const ActionEnvironment& env, std::string_view login, std::string_view password,
                             std::string_view client_key);
// Opens a session for an account that has just proved itself (right after sign-up).
NewSession do_open_session(const ActionEnvironment& env, AccountId account_id);
void do_log_out(const ActionEnvironment& env, std::string_view token);
// Ends the session whose token hashes to `session_hash` (Viewer::credential_hash).
void do_end_session(const ActionEnvironment& env, const std::string& session_hash);
// Ends every session of the account; access tokens stay valid.
void do_log_out_everywhere(const ActionEnvironment& env, AccountId account_id);

// Who is asking: the account behind a session cookie or a bearer token.
struct Viewer {
  Account account;
  std::string credential_hash;  // hash of the session or access token used
  bool via_access_token = false;
};

// A live session extends itself (sliding expiry); expired sessions are deleted.
std::optional<Viewer> authenticate_session(const ActionEnvironment& env, std::string_view token);
std::optional<Viewer> authenticate_bearer(const ActionEnvironment& env, std::string_view token);

inline constexpr int recovery_code_count = 10;

}  // namespace hearth
