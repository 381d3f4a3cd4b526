#include "store/support_services.hpp"

#include <gtest/gtest.h>

#include "domain/country.hpp"
#include "support/temp_store.hpp"

namespace hearth {

TEST(SupportServices, TheSixSeededRegionsEachHaveACrisisLineFirst) {
  testing::TempStore temp;
  for (const char* region : {"AU", "GB", "US", "CA", "NZ", "IE"}) {
    const auto services = temp.store().read([&](Connection& c) { return support_services::for_region(c, region); });
    ASSERT_GE(services.size(), 3u) << region;
    EXPECT_TRUE(services.front().crisis) << region;
    for (const auto& s : services) {
      EXPECT_FALSE(s.name.empty());
      EXPECT_FALSE(s.phone.empty() && s.text_number.empty() && s.website.empty()) << s.name;
      if (!s.website.empty()) {
        EXPECT_EQ(s.website.rfind("https://", 0), 0u) << s.website;
      }
    }
  }
}

TEST(SupportServices, KnownNumbersAreRight) {
  testing::TempStore temp;
  auto has = [&](const char* region, const char* name_part, const char* phone) {
    const auto services = temp.store().read([&](Connection& c) { return support_services::for_region(c, region); });
    for (const auto& s : services) {
      if (s.name.find(name_part) != std::string::npos && s.phone == phone) return true;
    }
    return false;
  };
  EXPECT_TRUE(has("GB", "Samaritans", "116 123"));
  EXPECT_TRUE(has("AU", "Lifeline", "13 11 14"));
  EXPECT_TRUE(has("US", "988", "988"));
  EXPECT_TRUE(has("IE", "Samaritans", "116 123"));
}

TEST(SupportServices, EveryRegionIsARealCountry) {
  testing::TempStore temp;
  for (const auto& region : temp.store().read([](Connection& c) { return support_services::regions(c); })) {
    EXPECT_NE(find_country(region), nullptr) << region;
  }
}

}  // namespace hearth
