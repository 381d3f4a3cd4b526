// Store::open: the one place that picks an engine. A read replica only makes sense for
// PostgreSQL, and a wrong one is refused with a plain message before anything is opened.
#include "store/store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace hearth {
namespace {

TEST(StoreOpen, AReplicaIsRefusedForSqliteOrWhenItIsNotAPostgresqlUrl) {
  const auto dir = std::filesystem::temp_directory_path() / "hearth-store-open-test";
  std::filesystem::remove_all(dir);
  const auto sqlite = Store::open({.location = (dir / "hearth.db").string(), .replica = "postgresql:///hearth"});
  ASSERT_FALSE(sqlite.ok());
  EXPECT_EQ(sqlite.error().field, "database_replica");
  EXPECT_FALSE(std::filesystem::exists(dir / "hearth.db"));

  const auto not_a_url = Store::open({.location = "postgresql:///hearth", .replica = "replica.internal"});
  ASSERT_FALSE(not_a_url.ok());
  EXPECT_EQ(not_a_url.error().field, "database_replica");
  EXPECT_NE(not_a_url.error().message.find("postgresql://"), std::string::npos);
}

}  // namespace
}  // namespace hearth
