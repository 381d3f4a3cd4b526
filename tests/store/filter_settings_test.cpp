#include "store/filter_settings.hpp"

#include <gtest/gtest.h>

#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

TEST(FilterSettingsTest, StrictIsOffUntilChosenAndPerGroup) {
  testing::TempStore temp;
  temp.store().write([&](Connection& c) {
    for (GroupId g : {21, 22}) groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "G", .created_at = 1});
  });
  const auto strict = [&](GroupId g) {
    return temp.store().read([&](Connection& c) { return filter_settings::strict_third_party(c, g); });
  };
  EXPECT_FALSE(strict(21));
  temp.store().write([&](Connection& c) { filter_settings::set_strict_third_party(c, 21, true); });
  EXPECT_TRUE(strict(21));
  EXPECT_FALSE(strict(22));
  temp.store().write([&](Connection& c) { filter_settings::set_strict_third_party(c, 21, false); });
  EXPECT_FALSE(strict(21));
}

}  // namespace
}  // namespace hearth
