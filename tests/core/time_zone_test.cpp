#include "core/time_zone.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace hearth {

constexpr UnixMillis nov_21_2026_10_15_utc = 1'795'256'100'000;

TEST(TimeZones, KnowsRealZonesOnly) {
  EXPECT_TRUE(is_valid_time_zone("Europe/London"));
  EXPECT_TRUE(is_valid_time_zone("Australia/Sydney"));
  EXPECT_TRUE(is_valid_time_zone("UTC"));
  EXPECT_FALSE(is_valid_time_zone(""));
  EXPECT_FALSE(is_valid_time_zone("Mars/Olympus"));
  EXPECT_FALSE(is_valid_time_zone("../../etc/passwd"));
}

TEST(TimeZones, ListIsSortedAndIncludesCommonZones) {
  const auto& zones = all_time_zones();
  EXPECT_TRUE(std::is_sorted(zones.begin(), zones.end()));
  EXPECT_NE(std::find(zones.begin(), zones.end(), "America/Toronto"), zones.end());
  EXPECT_NE(std::find(zones.begin(), zones.end(), "Pacific/Auckland"), zones.end());
  EXPECT_GT(zones.size(), 300u);
}

TEST(TimeFormat, Rfc3339IsUtc) { EXPECT_EQ(format_rfc3339(nov_21_2026_10_15_utc), "2026-11-21T10:15:00Z"); }

TEST(TimeFormat, LocalTimeFollowsTheZone) {
  EXPECT_EQ(format_local(nov_21_2026_10_15_utc, "Europe/London"), "21 Nov 2026, 10:15");
  EXPECT_EQ(format_local(nov_21_2026_10_15_utc, "Australia/Sydney"), "21 Nov 2026, 21:15");  // AEDT, +11
  EXPECT_EQ(format_local(nov_21_2026_10_15_utc, "America/New_York"), "21 Nov 2026, 05:15");
  EXPECT_EQ(format_local(nov_21_2026_10_15_utc, ""), "21 Nov 2026, 10:15 UTC");
}

TEST(TimeFormat, RelativeForms) {
  const UnixMillis now = nov_21_2026_10_15_utc;
  EXPECT_EQ(format_relative(now - 10'000, now, "UTC"), "just now");
  EXPECT_EQ(format_relative(now - 60'000, now, "UTC"), "1 minute ago");
  EXPECT_EQ(format_relative(now - 3 * 3'600'000, now, "UTC"), "3 hours ago");
  EXPECT_EQ(format_relative(now - 2 * 86'400'000, now, "UTC"), "2 days ago");
  EXPECT_EQ(format_relative(now - 30LL * 86'400'000, now, "Europe/London"), "22 Oct 2026, 11:15");  // BST, +1
}

}  // namespace hearth
