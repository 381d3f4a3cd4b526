#include "store/rate_limits.hpp"

#include <gtest/gtest.h>

#include "support/temp_store.hpp"

namespace hearth {

TEST(RateLimits, CountsWithinAWindowAndResetsAfterIt) {
  testing::TempStore temp;
  const int64_t window = 60'000;
  temp.store().write([&](Connection& c) {
    EXPECT_EQ(rate_limits::hit(c, "b", 1'000, window).hits, 1);
    EXPECT_EQ(rate_limits::hit(c, "b", 2'000, window).hits, 2);
    EXPECT_EQ(rate_limits::peek(c, "b", 3'000, window).hits, 2);
    EXPECT_EQ(rate_limits::peek(c, "b", 3'000, window).resets_at, 61'000);
    EXPECT_EQ(rate_limits::hit(c, "b", 61'000, window).hits, 1);  // a new window
    EXPECT_EQ(rate_limits::hit(c, "other", 61'000, window).hits, 1);
    rate_limits::clear(c, "b");
    EXPECT_EQ(rate_limits::peek(c, "b", 61'001, window).hits, 0);
  });
}

}  // namespace hearth
