#include "http/client_key.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

const std::string secret(32, 's');

TEST(ClientKey, StableHexAndNeverTheAddress) {
  ClientKeyer keyer(secret);
  std::string key = keyer.key_for("203.0.113.7");
  EXPECT_EQ(key.size(), 64u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(key, keyer.key_for("203.0.113.7"));
  EXPECT_NE(key, keyer.key_for("203.0.113.8"));
  EXPECT_EQ(key.find("203"), std::string::npos);
}

TEST(ClientKey, DependsOnTheSecret) {
  ClientKeyer a(secret);
  ClientKeyer b(std::string(32, 't'));
  EXPECT_NE(a.key_for("2001:db8::1"), b.key_for("2001:db8::1"));
  // Shared between nodes that share the secret.
  EXPECT_EQ(a.key_for("2001:db8::1"), ClientKeyer(secret).key_for("2001:db8::1"));
}

TEST(ClientKey, ShortAndLongSecretsWork) {
  ClientKeyer short_secret("pw");
  ClientKeyer long_secret(std::string(200, 'x'));
  EXPECT_EQ(short_secret.key_for("a").size(), 64u);
  EXPECT_NE(short_secret.key_for("a"), long_secret.key_for("a"));
}

TEST(ClientKey, EmptySecretIsRandomPerKeyer) {
  ClientKeyer a("");
  ClientKeyer b("");
  EXPECT_EQ(a.key_for("192.0.2.1"), a.key_for("192.0.2.1"));
  EXPECT_NE(a.key_for("192.0.2.1"), b.key_for("192.0.2.1"));
}

TEST(ForwardedFor, FirstEntryTrimmed) {
  EXPECT_EQ(first_forwarded_for("203.0.113.7"), "203.0.113.7");
  EXPECT_EQ(first_forwarded_for(" 203.0.113.7 , 10.0.0.1, 10.0.0.2"), "203.0.113.7");
  EXPECT_EQ(first_forwarded_for("2001:db8::1,10.0.0.1"), "2001:db8::1");
  EXPECT_EQ(first_forwarded_for(""), "");
}

}  // namespace
}  // namespace hearth
