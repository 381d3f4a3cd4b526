#include "web/time_views.hpp"

#include <gtest/gtest.h>

#include "core/time_zone.hpp"

namespace hearth {
namespace {

constexpr UnixMillis noon_21_nov_2026 = 1795262400000;  // 2026-11-21T12:00:00Z
constexpr UnixMillis noon_1_jul_2026 = 1782907200000;   // 2026-07-01T12:00:00Z
constexpr int64_t hour = 3600 * 1000;

TEST(TimeFormatter, MatchesCoreFormattingInAnyZone) {
  for (const char* zone : {"", "UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Not/AZone"}) {
    const TimeFormatter time(noon_21_nov_2026, zone);
    for (const UnixMillis at : {noon_21_nov_2026, noon_1_jul_2026, UnixMillis{0}, noon_21_nov_2026 - 5 * hour + 999}) {
      EXPECT_EQ(time.rfc3339(at), format_rfc3339(at)) << zone;
      EXPECT_EQ(time.local(at), format_local(at, zone)) << zone;
      EXPECT_EQ(time.relative(at), format_relative(at, noon_21_nov_2026, zone)) << zone;
    }
  }
}

TEST(TimeFormatter, SummerTimeAndFarZones) {
  EXPECT_EQ(TimeFormatter(0, "Europe/London").local(noon_1_jul_2026), "1 Jul 2026, 13:00");
  EXPECT_EQ(TimeFormatter(0, "Asia/Kolkata").local(noon_21_nov_2026), "21 Nov 2026, 17:30");
  EXPECT_EQ(TimeFormatter(0, "").local(noon_21_nov_2026), "21 Nov 2026, 12:00 UTC");
}

TEST(TimeFormatter, TimeElementCarriesMachineAndLocalTimes) {
  Html h;
  TimeFormatter(noon_21_nov_2026, "Europe/Paris").element(h, noon_21_nov_2026 - 3 * hour);
  EXPECT_EQ(h.str(), "<time datetime=2026-11-21T09:00Z title=\"21 Nov 2026, 10:00\">3 hours ago</time>");
  Html old;
  TimeFormatter(noon_21_nov_2026, "Europe/Paris").element(old, noon_1_jul_2026, false);
  EXPECT_EQ(old.str(), "<time datetime=2026-07-01T12:00Z>1 Jul, 14:00</time>") << "this year: no year";
}

TEST(TimeFormatter, OldTimesAreCompactWithTheFullTimeAsTitle) {
  const TimeFormatter utc(noon_21_nov_2026, "");
  EXPECT_EQ(utc.compact(noon_1_jul_2026), "1 Jul, 12:00 UTC");
  EXPECT_EQ(utc.compact(noon_1_jul_2026 - int64_t{365} * 24 * hour), "1 Jul 2025") << "an earlier year: the date";
  // New Year's Eve in UTC is already the new year in Auckland: the year is the viewer's.
  constexpr UnixMillis eve_2025 = 1767182400000;  // 2025-12-31T12:00:00Z = 1 Jan 2026, 01:00 in Auckland
  EXPECT_EQ(TimeFormatter(noon_21_nov_2026, "Pacific/Auckland").compact(eve_2025), "1 Jan, 01:00");
  EXPECT_EQ(TimeFormatter(noon_21_nov_2026, "Europe/London").compact(eve_2025), "31 Dec 2025");
  Html auckland;
  TimeFormatter(noon_21_nov_2026 + int64_t{400} * 24 * hour, "Pacific/Auckland").element(auckland, eve_2025, false);
  EXPECT_EQ(auckland.str(), "<time datetime=2026-01-01>1 Jan 2026</time>") << "the viewer's date, not UTC's";
  Html h;
  utc.element(h, noon_1_jul_2026 - int64_t{365} * 24 * hour);
  EXPECT_EQ(h.str(), "<time datetime=2025-07-01 title=\"1 Jul 2025, 12:00 UTC\">1 Jul 2025</time>");
}

}  // namespace
}  // namespace hearth
