#include "core/random.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace hearth {
namespace {

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium failed to initialise");
}

}  // namespace

int64_t random_id() {
  ensure_sodium();
  uint64_t value = 0;
  while (value == 0) {
    randombytes_buf(&value, sizeof value);
    value &= (uint64_t{1} << 53) - 1;
  }
  return static_cast<int64_t>(value);
}

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), raw.data(), raw.size());
  hex.pop_back();
  return hex;
}

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  const auto variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
  out.resize(out.find('\0'));
  return out;
}

std::string random_readable_code(int groups, int group_length) {
  ensure_sodium();
  static constexpr char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
  constexpr uint32_t size = sizeof alphabet - 1;
  std::string code;
  for (int g = 0; g < groups; ++g) {
    if (g > 0) code += '-';
    for (int i = 0; i < group_length; ++i) code += alphabet[randombytes_uniform(size)];
  }
  return code;
}

}  // namespace hearth
