#include "http/client_key.hpp"

#include "core/crypto.hpp"
#include "core/random.hpp"
#include "core/text.hpp"

namespace hearth {

// keyed_hash takes keys of 16 to 64 bytes; the hex forms below are 64 characters long.
ClientKeyer::ClientKeyer(std::string_view secret) {
  if (secret.empty()) {
    key_ = random_hex(32);
  } else if (secret.size() >= 16 && secret.size() <= 64) {
    key_ = secret;
  } else {
    key_ = hash_secret(secret);
  }
}

std::string ClientKeyer::key_for(std::string_view address) const {
  return keyed_hash(key_, address);
}

std::string_view first_forwarded_for(std::string_view header) {
  return trim(header.substr(0, header.find(',')));
}

}  // namespace hearth
