#pragma once
// Randomness from libsodium's CSPRNG. Ids are random, not sequential, so an id in a URL
// never tells anyone how many accounts, groups or posts exist or in what order they came.
#include <cstdint>
#include <string>

namespace hearth {

// A random positive id below 2^53, so JavaScript clients can hold it exactly.
int64_t random_id();
// `bytes` random bytes, encoded as lower-case hex (2 characters per byte).
std::string random_hex(std::size_t bytes);
// `bytes` random bytes, encoded as unpadded base64url (URL- and cookie-safe).
std::string random_token(std::size_t bytes);
// A code a person can copy by hand: groups of lower-case letters and digits without
// look-alikes (no 0/o, 1/l/i), e.g. "k7wq-3mzp-x9ad".
std::string random_readable_code(int groups, int group_length);

}  // namespace hearth
