#include "actions/sessions.hpp"

#include "actions/rate_limit.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "store/access_tokens.hpp"
#include "store/accounts.hpp"
#include "store/audit_log.hpp"
#include "store/recovery_codes.hpp"
#include "store/sessions.hpp"

namespace hearth {
namespace {

constexpr int64_t minute_ms = 60 * 1000;
constexpr int64_t hour_ms = 60 * minute_ms;

// A stand-in hash verified when the login name is unknown, so a wrong login name takes as
// long as a wrong password and response times don't reveal which login names exist.
const std::string& decoy_hash(PasswordHashCost cost) {
  static const std::string interactive = hash_password("hearth decoy password", PasswordHashCost::interactive);
  static const std::string moderate = hash_password("hearth decoy password", PasswordHashCost::moderate);
  return cost == PasswordHashCost::moderate ? moderate : interactive;
}

Error wrong_credentials() {
  return make_error(ErrorCode::unauthorized, "That login name and password don't match. Please try again.");
}

NewSession start_session(const ActionEnvironment& env, Connection& c, AccountId account_id) {
  const UnixMillis now = env.clock.now();
  NewSession session{random_token(32), account_id, now + env.session_lifetime_ms};
  sessions::insert(c, {hash_secret(session.token), account_id, now, session.expires_at}, now);
  return session;
}

}  // namespace

Result<SignUpOutcome> do_sign_up(const ActionEnvironment& env, const SignUpInput& input) {
  if (auto ok = validate_login_name(input.login); !ok) return ok.error();
  if (auto ok = validate_password(input.password, input.login); !ok) return ok.error();
  const std::string email(trim(input.recovery_email));
  if (auto ok = validate_recovery_email(email); !ok) return ok.error();

  const RateRule per_client{"signup-client", env.limits.signups_per_client_per_hour, hour_ms};
  const Status allowed = env.store.write([&](Connection& c) { return count_attempt(env, c, per_client, input.client_key); });
  if (!allowed) return allowed.error();

  // Argon2id takes a moment; do it before the write transaction so no writer waits on it.
  const std::string password_hash = hash_password(input.password, env.password_cost);
  SignUpOutcome outcome{random_id(), {}};
  std::vector<std::string> code_hashes;
  for (int i = 0; i < recovery_code_count; ++i) {
    outcome.recovery_codes.push_back(random_readable_code(3, 4));
    code_hashes.push_back(hash_secret(outcome.recovery_codes.back()));
  }

  const UnixMillis now = env.clock.now();
  const auto taken = make_error(ErrorCode::conflict, "That login name is taken. Please choose another.", "login");
  try {
    const bool created = env.store.write([&](Connection& c) {
      if (accounts::login_taken(c, login_key(input.login))) return false;
      accounts::insert(c, {outcome.account_id, input.login, password_hash, email, now});
      recovery_codes::replace_all(c, outcome.account_id, code_hashes);
      audit_log::record(c, outcome.account_id, "account.created", now);
      return true;
    });
    if (!created) return taken;
  } catch (const DatabaseError& e) {
    if (e.kind() == DatabaseError::Kind::unique_violation) return taken;  // a concurrent sign-up won
    throw;
  }
  return outcome;
}

Result<NewSession> do_log_in(const ActionEnvironment& env, std::string_view login, std::string_view password,
                             std::string_view client_key) {
  if (login.empty() || password.empty()) {
    return make_error(ErrorCode::invalid_input, "Please enter your login name and your password.",
                      login.empty() ? "login" : "password");
  }
  if (login.size() > 256 || password.size() > 4 * max_password_length) return wrong_credentials();
  const std::string key = login_key(login);
  const RateRule per_client{"login-client", env.limits.login_attempts_per_client_per_15_minutes, 15 * minute_ms};
  const RateRule per_account{"login-account", env.limits.login_failures_per_account_per_15_minutes, 15 * minute_ms};

  struct Lookup {
    Status allowed = success();
    std::optional<accounts::Credentials> credentials;
  };
  const Lookup lookup = env.store.write([&](Connection& c) {
    Lookup result;
    result.allowed = count_attempt(env, c, per_client, client_key);
    if (result.allowed) result.allowed = check_attempts(env, c, per_account, key);
    if (result.allowed) result.credentials = accounts::credentials_by_login(c, key);
    return result;
  });
  if (!lookup.allowed) return lookup.allowed.error();

  const std::string& stored = lookup.credentials ? lookup.credentials->password_hash : decoy_hash(env.password_cost);
  const bool matches = verify_password(password, stored) && lookup.credentials.has_value();
  return env.store.write([&](Connection& c) -> Result<NewSession> {
    if (!matches) {
      (void)count_attempt(env, c, per_account, key);
      return wrong_credentials();
    }
    clear_attempts(env, c, per_account, key);
    return start_session(env, c, lookup.credentials->id);
  });
}

NewSession do_open_session(const ActionEnvironment& env, AccountId account_id) {
  return env.store.write([&](Connection& c) { return start_session(env, c, account_id); });
}

void do_log_out(const ActionEnvironment& env, std::string_view token) { do_end_session(env, hash_secret(token)); }

void do_end_session(const ActionEnvironment& env, const std::string& session_hash) {
  env.store.write([&](Connection& c) { sessions::remove(c, session_hash); });
}

void do_log_out_everywhere(const ActionEnvironment& env, AccountId account_id) {
  env.store.write([&](Connection& c) {
    sessions::remove_all_for(c, account_id);
    audit_log::record(c, account_id, "sessions.ended_everywhere", env.clock.now());
  });
}

std::optional<Viewer> authenticate_session(const ActionEnvironment& env, std::string_view token) {
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string token_hash = hash_secret(token);
  const UnixMillis now = env.clock.now();
  struct Found {
    std::optional<sessions::SessionRecord> session;
    std::optional<Account> account;
  };
  const Found found = env.store.read([&](Connection& c) {
    Found f{sessions::find(c, token_hash), std::nullopt};
    if (f.session && f.session->expires_at > now) f.account = accounts::find(c, f.session->account_id);
    return f;
  });
  if (!found.session) return std::nullopt;
  if (!found.account) {
    env.store.write([&](Connection& c) { sessions::remove(c, token_hash); });
    return std::nullopt;
  }
  // Sliding expiry, written at most once an hour per session so reads stay reads.
  if (now - found.session->last_seen_at > hour_ms) {
    env.store.write([&](Connection& c) { sessions::extend(c, token_hash, now, now + env.session_lifetime_ms); });
  }
  return Viewer{*found.account, token_hash, false};
}

std::optional<Viewer> authenticate_bearer(const ActionEnvironment& env, std::string_view token) {
  if (auto viewer = authenticate_session(env, token)) return viewer;
  if (token.empty() || token.size() > 128) return std::nullopt;
  const std::string token_hash = hash_secret(token);
  const UnixMillis now = env.clock.now();
  struct Found {
    std::optional<access_tokens::AccessToken> token;
    std::optional<Account> account;
  };
  const Found found = env.store.read([&](Connection& c) {
    Found f{access_tokens::find_by_hash(c, token_hash), std::nullopt};
    if (f.token) f.account = accounts::find(c, f.token->account_id);
    return f;
  });
  if (!found.token || !found.account) return std::nullopt;
  if (!found.token->last_used_at || now - *found.token->last_used_at > hour_ms) {
    env.store.write([&](Connection& c) { access_tokens::touch(c, found.token->id, now); });
  }
  return Viewer{*found.account, token_hash, true};
}

}  // namespace hearth
