#include "actions/environment.hpp"

#include "core/random.hpp"
#include "safety/content_safety.hpp"
#include "store/server_secrets.hpp"

namespace hearth {

std::shared_ptr<const safety::ContentSafety> shared_content_safety() {
  static const auto safety = std::make_shared<const safety::ContentSafety>();
  return safety;
}

std::string load_secret_key(Store& store) {
  const std::string hex = store.write([](Connection& c) {
    return server_secrets::get_or_create(c, "secret_key", [] { return random_hex(32); });
  });
  return hex.substr(0, 64);
}

}  // namespace hearth
