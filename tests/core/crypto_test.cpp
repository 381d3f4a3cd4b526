#include "core/crypto.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/random.hpp"

namespace hearth {

TEST(Passwords, HashVerifiesOnlyTheSamePassword) {
  const std::string hash = hash_password("correct horse battery", PasswordHashCost::interactive);
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_TRUE(verify_password("correct horse battery", hash));
  EXPECT_FALSE(verify_password("correct horse batterY", hash));
  EXPECT_FALSE(verify_password("", hash));
}

TEST(Passwords, SamePasswordHashesDifferently) {
  EXPECT_NE(hash_password("same", PasswordHashCost::interactive), hash_password("same", PasswordHashCost::interactive));
}

TEST(Secrets, HashIsStableHexAndKeyed) {
  EXPECT_EQ(hash_secret("token"), hash_secret("token"));
  EXPECT_EQ(hash_secret("token").size(), 64u);
  EXPECT_NE(hash_secret("token"), hash_secret("token2"));
  const std::string key(32, 'k');
  EXPECT_NE(keyed_hash(key, "m"), hash_secret("m"));
  EXPECT_NE(keyed_hash(key, "m"), keyed_hash(std::string(32, 'j'), "m"));
  EXPECT_THROW(keyed_hash("short", "m"), std::invalid_argument);
}

TEST(Secrets, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

TEST(Random, IdsArePositiveBelow2To53AndDistinct) {
  std::set<int64_t> seen;
  for (int i = 0; i < 1000; ++i) {
    const int64_t id = random_id();
    EXPECT_GT(id, 0);
    EXPECT_LT(id, int64_t{1} << 53);
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 1000u);
}

TEST(Random, TokensHaveTheRequestedStrength) {
  EXPECT_EQ(random_hex(16).size(), 32u);
  EXPECT_EQ(random_token(32).size(), 43u);  // 256 bits in unpadded base64url
  EXPECT_EQ(random_token(32).find_first_not_of(
                "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
            std::string::npos);
  const std::string code = random_readable_code(3, 4);
  EXPECT_EQ(code.size(), 14u);
  EXPECT_EQ(code[4], '-');
  EXPECT_EQ(code.find_first_of("01ilo"), std::string::npos) << code;
}

}  // namespace hearth
