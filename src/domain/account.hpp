#pragma once
// An account is the private identity behind a member's personas. Its login name is a
// secret of the member's: no page or API response shows it to anyone else.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hearth {

using AccountId = int64_t;

struct Account {
  AccountId id = 0;
  std::string login_name;
  std::string time_zone;  // IANA name, or empty to follow the browser
  std::string region;     // ISO 3166-1 alpha-2, or empty
  std::string language;   // BCP 47 code
  UnixMillis created_at = 0;
};

// Limits a person is told about when they break them.
inline constexpr std::size_t min_login_length = 3;
inline constexpr std::size_t max_login_length = 32;
inline constexpr std::size_t min_password_length = 8;
inline constexpr std::size_t max_password_length = 256;
inline constexpr std::size_t max_email_length = 254;

// Login names: 3–32 letters, digits, '.', '_' or '-'. Case-insensitive for look-up.
Status validate_login_name(std::string_view login);
std::string login_key(std::string_view login);
Status validate_password(std::string_view password, std::string_view login);
Status validate_recovery_email(std::string_view email);

}  // namespace hearth
