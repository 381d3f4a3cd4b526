#pragma once
// Who may change state: a form or API call made with a session cookie must carry a token
// that only pages served to that session (or that guest) contain. Tokens are MACs under the
// server's secret, so any node can check them and nothing needs storing.
#include <string>
#include <string_view>

namespace hearth {

// For a logged-in member, bound to their session.
std::string csrf_token_for_session(std::string_view secret_key, std::string_view session_hash);
// For a guest (sign-up, log-in, recovery forms), bound to a random nonce in a cookie.
std::string csrf_token_for_guest(std::string_view secret_key, std::string_view guest_nonce);
bool csrf_token_matches(std::string_view expected, std::string_view presented);

}  // namespace hearth
