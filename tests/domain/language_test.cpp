#include "domain/language.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace hearth {
namespace {

// Same display rule as the country list: accented Latin letters sort with their base
// letter, case is ignored, and an accent missing from the table fails the test.
std::string display_key(std::string_view name) {
  static constexpr std::pair<std::string_view, char> folds[] = {
      {"Å", 'a'}, {"å", 'a'}, {"á", 'a'}, {"ā", 'a'}, {"ç", 'c'}, {"é", 'e'},
      {"í", 'i'}, {"Í", 'i'}, {"ô", 'o'}, {"ü", 'u'}, {"Č", 'c'}, {"č", 'c'},
  };
  std::string key;
  for (std::size_t i = 0; i < name.size();) {
    const auto byte = static_cast<unsigned char>(name[i]);
    if (byte < 0x80) {
      key += (byte >= 'A' && byte <= 'Z') ? char(byte - 'A' + 'a') : char(byte);
      ++i;
      continue;
    }
    bool folded = false;
    for (const auto& [from, to] : folds) {
      if (name.substr(i, from.size()) == from) {
        key += to;
        i += from.size();
        folded = true;
        break;
      }
    }
    if (!folded) {
      ADD_FAILURE() << "no sort folding for a character in \"" << name << "\"";
      return key;
    }
  }
  return key;
}

TEST(Language, FindsByCodeIgnoringCase) {
  const Language* en = find_language("en");
  ASSERT_NE(en, nullptr);
  EXPECT_EQ(en->english_name, "English");
  EXPECT_EQ(en->native_name, "English");
  EXPECT_EQ(find_language("EN"), en);
  EXPECT_EQ(find_language("En"), en);

  const Language* mi = find_language("MI");
  ASSERT_NE(mi, nullptr);
  EXPECT_EQ(mi->native_name, "Te reo Māori");
  ASSERT_NE(find_language("Asf"), nullptr);
  EXPECT_EQ(find_language("asf")->native_name, "Auslan");
}

TEST(Language, NativeNamesOfCommonLanguages) {
  const std::pair<std::string_view, std::string_view> expected[] = {
      {"fr", "Français"}, {"de", "Deutsch"}, {"es", "Español"},
      {"nb", "Norsk bokmål"}, {"ga", "Gaeilge"}, {"cy", "Cymraeg"},
      {"el", "Ελληνικά"}, {"uk", "Українська"}, {"ar", "العربية"},
      {"he", "עברית"}, {"hi", "हिन्दी"}, {"zh", "中文"},
      {"ja", "日本語"}, {"ko", "한국어"}, {"vi", "Tiếng Việt"},
      {"id", "Bahasa Indonesia"}, {"tl", "Tagalog"}, {"tr", "Türkçe"},
      {"ru", "Русский"}, {"fi", "Suomi"},
  };
  for (const auto& [code, native] : expected) {
    const Language* language = find_language(code);
    ASSERT_NE(language, nullptr) << code;
    EXPECT_EQ(language->native_name, native) << code;
  }
}

TEST(Language, UnknownOrMalformedCodesGiveNull) {
  EXPECT_EQ(find_language(""), nullptr);
  EXPECT_EQ(find_language("e"), nullptr);
  EXPECT_EQ(find_language("xx"), nullptr);
  EXPECT_EQ(find_language("eng"), nullptr);    // the alpha-3 form of a two-letter language
  EXPECT_EQ(find_language("en-AU"), nullptr);  // whole codes only
  EXPECT_EQ(find_language("english"), nullptr);
}

TEST(Language, CodesAreLowerCasePrimarySubtags) {
  for (const Language& language : all_languages()) {
    EXPECT_TRUE(language.code.size() == 2 || language.code.size() == 3) << language.code;
    for (char c : language.code) EXPECT_TRUE(c >= 'a' && c <= 'z') << language.code;
    EXPECT_FALSE(language.native_name.empty()) << language.code;
    EXPECT_FALSE(language.english_name.empty()) << language.code;
    EXPECT_EQ(find_language(language.code), &language) << language.code;
  }
}

TEST(Language, NoDuplicateCodesOrNames) {
  std::set<std::string_view> codes;
  std::set<std::string_view> names;
  for (const Language& language : all_languages()) {
    EXPECT_TRUE(codes.insert(language.code).second) << "duplicate code " << language.code;
    EXPECT_TRUE(names.insert(language.english_name).second)
        << "duplicate name " << language.english_name;
  }
}

TEST(Language, SortedByEnglishName) {
  const auto languages = all_languages();
  for (std::size_t i = 1; i < languages.size(); ++i) {
    EXPECT_LT(display_key(languages[i - 1].english_name), display_key(languages[i].english_name))
        << languages[i - 1].english_name << " should come after " << languages[i].english_name;
  }
}

}  // namespace
}  // namespace hearth
