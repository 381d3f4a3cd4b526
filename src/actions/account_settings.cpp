#include "actions/account_settings.hpp"

#include <fmt/format.h>

#include "actions/rate_limit.hpp"
#include "actions/sessions.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "core/time_zone.hpp"
#include "domain/country.hpp"
#include "domain/language.hpp"
#include "store/access_tokens.hpp"
#include "store/accounts.hpp"
#include "store/audit_log.hpp"
#include "store/recovery_codes.hpp"
#include "store/sessions.hpp"

namespace hearth {
namespace {

constexpr int64_t hour_ms = 3600 * 1000;

std::string normalise_code(std::string_view code) {
  std::string out;
  for (const char c : trim(code)) {
    if (c == ' ') continue;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

}  // namespace

Result<Account> do_update_preferences(const ActionEnvironment& env, AccountId account_id, const Preferences& input) {
  if (!input.time_zone.empty() && !is_valid_time_zone(input.time_zone)) {
    return make_error(ErrorCode::invalid_input, "Please choose a time zone from the list.", "time_zone");
  }
  const Country* country = input.region.empty() ? nullptr : find_country(input.region);
  if (!input.region.empty() && !country) {
    return make_error(ErrorCode::invalid_input, "Please choose a country or region from the list.", "region");
  }
  const Language* language = find_language(input.language.empty() ? "en" : input.language);
  if (!language) return make_error(ErrorCode::invalid_input, "Please choose a language from the list.", "language");
  const std::string region = country ? std::string(country->code) : std::string();
  return env.store.write([&](Connection& c) -> Result<Account> {
    accounts::update_preferences(c, account_id, input.time_zone, region, std::string(language->code));
    auto account = accounts::find(c, account_id);
    if (!account) return make_error(ErrorCode::not_found, "This account no longer exists.");
    return *account;
  });
}

Status do_change_password(const ActionEnvironment& env, AccountId account_id, std::string_view current_password,
                          std::string_view new_password, std::string_view keep_session_hash) {
  const auto credentials = env.store.read([&](Connection& c) { return accounts::credentials_by_id(c, account_id); });
  const auto account = env.store.read([&](Connection& c) { return accounts::find(c, account_id); });
  if (!credentials || !account) return make_error(ErrorCode::not_found, "This account no longer exists.");
  if (current_password.size() > 4 * max_password_length || !verify_password(current_password, credentials->password_hash)) {
    return make_error(ErrorCode::unauthorized, "Your current password isn't right. Please try again.",
                      "current_password");
  }
  if (auto ok = validate_password(new_password, account->login_name); !ok) {
    Error error = ok.error();
    error.field = "new_password";
    return error;
  }
  const std::string hash = hash_password(new_password, env.password_cost);
  env.store.write([&](Connection& c) {
    const UnixMillis now = env.clock.now();
    accounts::update_password(c, account_id, hash, now);
    sessions::remove_others_for(c, account_id, std::string(keep_session_hash));
    audit_log::record(c, account_id, "password.changed", now);
  });
  return success();
}

Status do_recover_account(const ActionEnvironment& env, std::string_view login, std::string_view code,
                          std::string_view new_password, std::string_view client_key) {
  if (login.empty() || code.empty()) {
    return make_error(ErrorCode::invalid_input, "Please enter your login name and one of your recovery codes.",
                      login.empty() ? "login" : "code");
  }
  if (auto ok = validate_password(new_password, login); !ok) {
    Error error = ok.error();
    error.field = "new_password";
    return error;
  }
  if (login.size() > 256 || code.size() > 64) {
    return make_error(ErrorCode::unauthorized, "That recovery code doesn't match this login name, or it was used already.");
  }
  const std::string key = login_key(login);
  const std::string code_hash = hash_secret(normalise_code(code));
  const RateRule per_client{"recover-client", env.limits.login_attempts_per_client_per_15_minutes, hour_ms};
  const RateRule per_account{"recover-account", env.limits.recovery_attempts_per_account_per_hour, hour_ms};
  const std::string hash = hash_password(new_password, env.password_cost);
  return env.store.write([&](Connection& c) -> Status {
    if (auto ok = count_attempt(env, c, per_client, client_key); !ok) return ok;
    if (auto ok = count_attempt(env, c, per_account, key); !ok) return ok;
    const auto credentials = accounts::credentials_by_login(c, key);
    const UnixMillis now = env.clock.now();
    if (!credentials || !recovery_codes::consume(c, credentials->id, code_hash, now)) {
      return make_error(ErrorCode::unauthorized,
                        "That recovery code doesn't match this login name, or it was used already.", "code");
    }
    accounts::update_password(c, credentials->id, hash, now);
    sessions::remove_all_for(c, credentials->id);
    audit_log::record(c, credentials->id, "account.recovered", now);
    return success();
  });
}

std::vector<std::string> do_regenerate_recovery_codes(const ActionEnvironment& env, AccountId account_id) {
  std::vector<std::string> codes;
  std::vector<std::string> hashes;
  for (int i = 0; i < recovery_code_count; ++i) {
    codes.push_back(random_readable_code(3, 4));
    hashes.push_back(hash_secret(codes.back()));
  }
  env.store.write([&](Connection& c) {
    recovery_codes::replace_all(c, account_id, hashes);
    audit_log::record(c, account_id, "recovery_codes.regenerated", env.clock.now());
  });
  return codes;
}

Result<NewAccessToken> do_create_access_token(const ActionEnvironment& env, AccountId account_id,
                                              std::string_view raw_name) {
  const std::string name(trim(raw_name));
  if (name.empty()) return make_error(ErrorCode::invalid_input, "Please give the token a name, so you can recognise it later.", "name");
  // A one-line name: no control characters at all, not even tabs or line breaks.
  if (!is_valid_utf8(name) || has_control_characters(name) || name.find_first_of("\t\n\r") != std::string::npos) {
    return make_error(ErrorCode::invalid_input, "The token name contains characters we can't use.", "name");
  }
  if (utf8_length(name) > max_token_name_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("The token name can have at most {} characters.", max_token_name_length), "name");
  }
  NewAccessToken token{random_id(), name, "hpat_" + random_token(32), env.clock.now()};
  return env.store.write([&](Connection& c) -> Result<NewAccessToken> {
    if (access_tokens::count_for(c, account_id) >= max_access_tokens) {
      return make_error(ErrorCode::conflict,
                        fmt::format("You have {} access tokens, the most you can have. Revoke one you no longer use first.",
                                    max_access_tokens));
    }
    access_tokens::insert(c, {token.id, account_id, token.name, token.created_at, std::nullopt}, hash_secret(token.token));
    audit_log::record(c, account_id, "access_token.created", token.created_at);
    return token;
  });
}

Status do_revoke_access_token(const ActionEnvironment& env, AccountId account_id, int64_t token_id) {
  return env.store.write([&](Connection& c) -> Status {
    if (!access_tokens::remove(c, account_id, token_id)) {
      return make_error(ErrorCode::not_found, "There is no such access token.");
    }
    audit_log::record(c, account_id, "access_token.revoked", env.clock.now());
    return success();
  });
}

}  // namespace hearth
