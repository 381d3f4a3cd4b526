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
  EXPECT_EQ(h.str(), "<time datetime=2026-11-21T09:00:00Z title=\"21 Nov 2026, 10:00\">3 hours ago</time>");
  Html old;
  TimeFormatter(noon_21_nov_2026, "Europe/Paris").element(old, noon_1_jul_2026);
  EXPECT_EQ(old.str(), "<time datetime=2026-07-01T12:00:00Z>1 Jul 2026, 14:00</time>") << "no title repeating the text";
}

}  // namespace
}  // namespace hearth
