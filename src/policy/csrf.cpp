#include "policy/csrf.hpp"

#include "core/crypto.hpp"

namespace hearth {

std::string csrf_token_for_session(std::string_view secret_key, std::string_view session_hash) {
  return keyed_hash(secret_key, std::string("csrf-session\n").append(session_hash)).substr(0, 40);
}

std::string csrf_token_for_guest(std::string_view secret_key, std::string_view guest_nonce) {
  return keyed_hash(secret_key, std::string("csrf-guest\n").append(guest_nonce)).substr(0, 40);
}

bool csrf_token_matches(std::string_view expected, std::string_view presented) {
  return !expected.empty() && constant_time_equal(expected, presented);
}

}  // namespace hearth
