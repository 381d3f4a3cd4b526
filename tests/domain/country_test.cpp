#include "domain/country.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace hearth {
namespace {

// Display order folds the accented Latin letters that occur in the names to their base
// letter and ignores case. An accent missing from the table fails the test, so a new
// name cannot silently sort by raw UTF-8 bytes (which would put "Åland" after "Zimbabwe").
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

TEST(Country, FindsByCodeIgnoringCase) {
  const Country* gb = find_country("GB");
  ASSERT_NE(gb, nullptr);
  EXPECT_EQ(gb->name, "United Kingdom");
  EXPECT_EQ(find_country("gb"), gb);
  EXPECT_EQ(find_country("Gb"), gb);
  EXPECT_EQ(find_country("gB"), gb);

  ASSERT_NE(find_country("au"), nullptr);
  EXPECT_EQ(find_country("au")->name, "Australia");
  ASSERT_NE(find_country("US"), nullptr);
  EXPECT_EQ(find_country("US")->name, "United States");
}

TEST(Country, UnknownOrMalformedCodesGiveNull) {
  EXPECT_EQ(find_country(""), nullptr);
  EXPECT_EQ(find_country("G"), nullptr);
  EXPECT_EQ(find_country("GBR"), nullptr);   // alpha-3 is not accepted
  EXPECT_EQ(find_country("UK"), nullptr);    // reserved, not assigned: the code is GB
  EXPECT_EQ(find_country("XX"), nullptr);
  EXPECT_EQ(find_country("12"), nullptr);
  EXPECT_EQ(find_country("G "), nullptr);
  EXPECT_EQ(find_country(std::string_view("G\0", 2)), nullptr);
}

TEST(Country, ListHasEveryAssignedCode) {
  EXPECT_EQ(all_countries().size(), 249u);
  for (const Country& country : all_countries()) {
    EXPECT_EQ(find_country(country.code), &country) << country.code;
    EXPECT_FALSE(country.name.empty()) << country.code;
  }
}

TEST(Country, CodesAreTwoUpperCaseLetters) {
  for (const Country& country : all_countries()) {
    ASSERT_EQ(country.code.size(), 2u) << country.name;
    for (char c : country.code) EXPECT_TRUE(c >= 'A' && c <= 'Z') << country.code;
  }
}

TEST(Country, NoDuplicateCodesOrNames) {
  std::set<std::string_view> codes;
  std::set<std::string_view> names;
  for (const Country& country : all_countries()) {
    EXPECT_TRUE(codes.insert(country.code).second) << "duplicate code " << country.code;
    EXPECT_TRUE(names.insert(country.name).second) << "duplicate name " << country.name;
  }
}

TEST(Country, SortedByNameForDisplay) {
  const auto countries = all_countries();
  for (std::size_t i = 1; i < countries.size(); ++i) {
    EXPECT_LT(display_key(countries[i - 1].name), display_key(countries[i].name))
        << countries[i - 1].name << " should come after " << countries[i].name;
  }
  EXPECT_EQ(countries.front().code, "AF");
  EXPECT_EQ(countries[1].code, "AX");  // "Åland Islands" sorts as "Aland"
  EXPECT_EQ(countries.back().code, "ZW");
}

TEST(Country, EmergencyNumbersOfTheSeededRegions) {
  EXPECT_EQ(find_country("AU")->emergency_number, "000");
  EXPECT_EQ(find_country("GB")->emergency_number, "999");
  EXPECT_EQ(find_country("US")->emergency_number, "911");
  EXPECT_EQ(find_country("CA")->emergency_number, "911");
  EXPECT_EQ(find_country("NZ")->emergency_number, "111");
  EXPECT_EQ(find_country("IE")->emergency_number, "112 or 999");
  EXPECT_EQ(find_country("DE")->emergency_number, "112");
  EXPECT_EQ(find_country("JP")->emergency_number, "110 (police), 119 (ambulance and fire)");
}

TEST(Country, EmergencyNumbersStartWithADigitWhenKnown) {
  // Anything else (a note, a URL) would be read out to a person in crisis as a number.
  for (const Country& country : all_countries()) {
    if (country.emergency_number.empty()) continue;
    const char first = country.emergency_number.front();
    EXPECT_TRUE(first >= '0' && first <= '9') << country.code;
  }
}

}  // namespace
}  // namespace hearth
