#include "policy/csrf.hpp"

#include <gtest/gtest.h>

namespace hearth {

const std::string secret(32, 's');

TEST(Csrf, TokensAreBoundToTheSessionOrGuest) {
  const auto a = csrf_token_for_session(secret, "session-a");
  EXPECT_EQ(a, csrf_token_for_session(secret, "session-a"));
  EXPECT_NE(a, csrf_token_for_session(secret, "session-b"));
  EXPECT_NE(a, csrf_token_for_guest(secret, "session-a")) << "a guest token never passes for a session";
  EXPECT_NE(a, csrf_token_for_session(std::string(32, 't'), "session-a"));
}

TEST(Csrf, MatchingIsExact) {
  const auto token = csrf_token_for_guest(secret, "nonce");
  EXPECT_TRUE(csrf_token_matches(token, token));
  EXPECT_FALSE(csrf_token_matches(token, ""));
  EXPECT_FALSE(csrf_token_matches(token, token.substr(1)));
  EXPECT_FALSE(csrf_token_matches("", ""));
}

}  // namespace hearth
