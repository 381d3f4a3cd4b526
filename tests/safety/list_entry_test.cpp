#include "safety/list_entry.hpp"

#include <gtest/gtest.h>

namespace hearth::safety {
namespace {

TEST(ListEntry, KeysIgnoreCaseSpacingAndDisguises) {
  EXPECT_EQ(prepare_list_entry("  Idiot ")->phrase, "Idiot");
  EXPECT_EQ(prepare_list_entry("  Idiot ")->key, "idiot");
  EXPECT_EQ(prepare_list_entry("Weight   LOSS")->key, "weight loss");
  EXPECT_EQ(prepare_list_entry("diet*")->key, "diet*");
  EXPECT_NE(prepare_list_entry("diet*")->key, prepare_list_entry("diet")->key);
  EXPECT_EQ(prepare_list_entry("don't")->key, "dont");
}

TEST(ListEntry, UnusableEntriesAreExplained) {
  for (const char* text : {"", "   ", "***", "?!"}) {
    const auto entry = prepare_list_entry(text);
    ASSERT_FALSE(entry) << text;
    EXPECT_EQ(entry.error().field, "phrase");
    EXPECT_FALSE(entry.error().message.empty());
  }
  EXPECT_FALSE(prepare_list_entry(std::string(101, 'a')));
  EXPECT_FALSE(prepare_list_entry("bad\x01word"));
  EXPECT_FALSE(prepare_list_entry("\xff\xfe"));
}

}  // namespace
}  // namespace hearth::safety
