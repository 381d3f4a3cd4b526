#pragma once
// Password hashing (Argon2id) and the hashes under which secrets are stored: a leaked
// database must not let anyone log in, so session tokens, access tokens and recovery
// codes are kept only as hashes.
#include <string>
#include <string_view>

namespace hearth {

enum class PasswordHashCost { interactive, moderate };

// Argon2id in libsodium's self-describing string format.
std::string hash_password(std::string_view password, PasswordHashCost cost);
bool verify_password(std::string_view password, const std::string& stored_hash);

// BLAKE2b-256 of a high-entropy secret, hex-encoded. Unsalted on purpose: the input is a
// random token, so the hash is only a look-up key that is useless without the token.
std::string hash_secret(std::string_view secret);

// Keyed BLAKE2b-256 (a MAC), hex-encoded. `key` must be 16 to 64 bytes.
std::string keyed_hash(std::string_view key, std::string_view message);

// Compares two strings in time independent of where they differ.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace hearth
