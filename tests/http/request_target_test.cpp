#include "http/request_target.hpp"
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(RequestTarget, SplitsPathAndQuery) {
  Request r;
  ASSERT_TRUE(parse_request_target("/groups/caf%C3%A9/threads?page=2&q=a%20b", r));
  EXPECT_EQ(r.path, "/groups/café/threads");
  EXPECT_EQ(r.query, "page=2&q=a%20b");  // the query stays raw; query_value decodes
  ASSERT_TRUE(parse_request_target("/", r));
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.query, "");
  ASSERT_TRUE(parse_request_target("/a?", r));
  EXPECT_EQ(r.path, "/a");
  EXPECT_EQ(r.query, "");
  ASSERT_TRUE(parse_request_target("/a+b", r));
  EXPECT_EQ(r.path, "/a+b");  // '+' means space only in queries and forms
}

TEST(RequestTarget, RejectsWhatNamesNoResource) {
  Request r;
  r.path = "/before";
  for (std::string_view bad : {"", "*", "groups", "http://example.org/", "/%zz", "/%", "/a%2", "/%00", "/a%0Ab", "/%7F",
                               "/%C3", "/%C0%AF", "/%ED%A0%80", "/%F4%90%80%80", "/%FF"}) {
    EXPECT_FALSE(parse_request_target(bad, r)) << bad;
  }
  EXPECT_EQ(r.path, "/before");  // unchanged on failure
}

TEST(Utf8, AcceptsValidRejectsInvalid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("café ✓ 𝄞"));
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xEF\xBF\xBD"));      // U+FFFD
  EXPECT_FALSE(is_valid_utf8("\x80"));
  EXPECT_FALSE(is_valid_utf8("\xC3"));
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));
  EXPECT_FALSE(is_valid_utf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xE2\x9C"));          // truncated
}

}  // namespace
}  // namespace hearth
