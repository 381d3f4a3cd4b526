#pragma once
// The server never keeps a client's IP address. Rate limiting only needs to tell clients
// apart, so each request carries a keyed hash of the address instead: stable while the
// secret stays the same, and useless for finding the address without it.
#include <string>
#include <string_view>

namespace hearth {

class ClientKeyer {
 public:
  // A secret of 16 to 64 bytes is the key; any other non-empty secret is hashed into one.
  // An empty secret means a random key for this process: keys stay unlinkable to
  // addresses, they just differ between nodes and restarts.
  explicit ClientKeyer(std::string_view secret);

  // Hex of a keyed BLAKE2b of the address.
  std::string key_for(std::string_view address) const;

 private:
  std::string key_;
};

// The client address a trusted proxy reports: the first entry of X-Forwarded-For,
// without whitespace. The proxy must set this header itself (not append to one the
// client sent), or clients could choose their own key.
std::string_view first_forwarded_for(std::string_view header);

}  // namespace hearth
