#include "store/migrations.hpp"

#include <gtest/gtest.h>

#include "store/migration.hpp"
#include "support/temp_store.hpp"

namespace hearth {

TEST(Migrations, FreshDatabaseIsAtTheLatestVersion) {
  testing::TempStore temp;
  int latest = 0;
  for (const auto& m : embedded_migrations()) latest = std::max(latest, m.version);
  const auto version = temp.store().read(
      [](Connection& c) { return c.first_i64("SELECT MAX(version) FROM schema_migrations").value_or(0); });
  EXPECT_EQ(version, latest);
  EXPECT_GE(latest, 2);
}

TEST(Migrations, SecondRunAppliesNothing) {
  testing::TempStore temp;
  const MigrationReport again = apply_migrations(temp.store().database());
  EXPECT_TRUE(again.applied.empty());
}

TEST(Migrations, VersionsAreUniquePerEngine) {
  std::set<std::pair<int, std::string_view>> seen;
  for (const auto& m : embedded_migrations()) {
    EXPECT_TRUE(seen.insert({m.version, m.engine}).second) << "duplicate migration " << m.version;
  }
}

TEST(Migrations, SqliteRunsInWalWithForeignKeys) {
  HEARTH_SQLITE_ONLY("PRAGMAs; tests/store/postgres/postgres_database_test.cpp checks PostgreSQL's settings");
  testing::TempStore temp;
  temp.store().read([](Connection& c) {
    std::string mode;
    c.execute("PRAGMA journal_mode", {}, [&](const Row& r) { mode = r.text(0); });
    EXPECT_EQ(mode, "wal");
    EXPECT_EQ(c.first_i64("PRAGMA foreign_keys"), 1);
    EXPECT_EQ(c.first_i64("PRAGMA synchronous"), 2);  // FULL
  });
}

}  // namespace hearth
