#include "domain/account.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace hearth {

Status validate_login_name(std::string_view login) {
  if (login.empty()) return make_error(ErrorCode::invalid_input, "Please choose a login name.", "login");
  if (!is_valid_utf8(login)) return make_error(ErrorCode::invalid_input, "Your login name contains characters we can't read.", "login");
  if (login.size() < min_login_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your login name needs at least {} characters.", min_login_length), "login");
  }
  if (login.size() > max_login_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your login name can have at most {} characters.", max_login_length), "login");
  }
  for (const char c : login) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                         c == '.' || c == '_' || c == '-';
    if (!allowed) {
      return make_error(ErrorCode::invalid_input,
                        "Your login name can use letters (a–z), digits, dots, dashes and underscores, without spaces.",
                        "login");
    }
  }
  return success();
}

std::string login_key(std::string_view login) { return to_lower_ascii(login); }

Status validate_password(std::string_view password, std::string_view login) {
  if (!is_valid_utf8(password)) return make_error(ErrorCode::invalid_input, "Your password contains characters we can't read.", "password");
  const std::size_t length = utf8_length(password);
  if (length < min_password_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your password needs at least {} characters. A few words strung together work well.",
                                  min_password_length),
                      "password");
  }
  if (length > max_password_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your password can have at most {} characters.", max_password_length), "password");
  }
  if (!login.empty() && to_lower_ascii(password) == to_lower_ascii(login)) {
    return make_error(ErrorCode::invalid_input, "Your password can't be the same as your login name.", "password");
  }
  return success();
}

Status validate_recovery_email(std::string_view email) {
  if (email.empty()) return success();
  const auto at = email.find('@');
  if (!is_valid_utf8(email) || has_control_characters(email) || email.size() > max_email_length ||
      at == std::string_view::npos || at == 0 || email.find('.', at) == std::string_view::npos ||
      email.find(' ') != std::string_view::npos) {
    return make_error(ErrorCode::invalid_input,
                      "That doesn't look like an email address. You can also leave it empty.", "recovery_email");
  }
  return success();
}

}  // namespace hearth
