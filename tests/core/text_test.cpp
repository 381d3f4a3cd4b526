#include "core/text.hpp"

#include <gtest/gtest.h>

namespace hearth {

TEST(Utf8, AcceptsValidText) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("Māori, Ελληνικά, 中文, emoji 🙂"));
}

TEST(Utf8, RejectsMalformedSequences) {
  EXPECT_FALSE(is_valid_utf8("\xff"));                 // never valid
  EXPECT_FALSE(is_valid_utf8("\xc3"));                 // truncated
  EXPECT_FALSE(is_valid_utf8("abc\xe2\x82"));          // truncated at the end
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));             // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xe0\x80\xaf"));         // overlong 3-byte
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));         // UTF-16 surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));     // beyond U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\x80 stray"));           // continuation without lead
}

TEST(Utf8, CountsCodePoints) {
  EXPECT_EQ(utf8_length("abc"), 3u);
  EXPECT_EQ(utf8_length("Māori"), 5u);
  EXPECT_EQ(utf8_length("🙂🙂"), 2u);
}

TEST(Text, TrimAndLower) {
  EXPECT_EQ(trim("  a b \n"), "a b");
  EXPECT_EQ(trim("   "), "");
  EXPECT_EQ(to_lower_ascii("MiXeD-Case_1"), "mixed-case_1");
}

TEST(Text, ControlCharacters) {
  EXPECT_FALSE(has_control_characters("line one\nline two\ttab"));
  EXPECT_TRUE(has_control_characters(std::string("nul\0byte", 8)));
  EXPECT_TRUE(has_control_characters("bell\a"));
}

}  // namespace hearth
