// The PostgreSQL engine's own promises. Run with HEARTH_TEST_POSTGRES set (ctest's
// postgres.unit.* runs do); skipped otherwise. Everything engine-neutral is covered by the
// rest of the unit tests, which run on both engines.
#include "store/postgres/postgres_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <thread>

#include "store/accounts.hpp"
#include "store/postgres/location.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

std::string show(Connection& c, const std::string& setting) {
  std::string value;
  c.execute("SHOW " + setting, {}, [&](const Row& r) { value = r.text(0); });
  return value;
}

class PostgresDatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    HEARTH_POSTGRES_ONLY("tests of the PostgreSQL engine");
    temp_ = std::make_unique<testing::TempStore>();
  }
  Store& store() { return temp_->store(); }
  // A second node: its own pool on the same database.
  std::unique_ptr<Database> another_node() { return open_postgres({.url = temp_->location(), .readers = 1}); }

  std::unique_ptr<testing::TempStore> temp_;
};

TEST_F(PostgresDatabaseTest, ReadsSeeOneSnapshotAndCannotWrite) {
  store().read([](Connection& c) {
    EXPECT_EQ(show(c, "transaction_isolation"), "repeatable read");
    EXPECT_EQ(show(c, "transaction_read_only"), "on");
  });
  EXPECT_THROW(store().read([](Connection& c) { accounts::insert(c, {1, "someone", "hash", "", 1}); }), DatabaseError);
}

TEST_F(PostgresDatabaseTest, AReadDoesNotSeeWhatCommitsWhileItRuns) {
  std::promise<void> first_read_done;
  std::promise<void> write_done;
  auto reader = std::async(std::launch::async, [&] {
    return store().read([&](Connection& c) {
      const auto before = c.first_i64("SELECT COUNT(*) FROM accounts");
      first_read_done.set_value();
      write_done.get_future().wait();
      return std::pair(before, c.first_i64("SELECT COUNT(*) FROM accounts"));
    });
  });
  first_read_done.get_future().wait();
  store().write([](Connection& c) { accounts::insert(c, {1, "someone", "hash", "", 1}); });
  write_done.set_value();
  const auto [before, after] = reader.get();
  EXPECT_EQ(before, 0);
  EXPECT_EQ(after, 0);
  EXPECT_EQ(store().read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM accounts"); }), 1);
}

// Two nodes each read a counter, wait, and write it back plus one. Without the write lock
// the second would overwrite the first (a lost update); with it, none is lost.
TEST_F(PostgresDatabaseTest, WritesOfSeveralNodesRunOneAtATime) {
  store().write(
      [](Connection& c) { c.run("INSERT INTO rate_limits (bucket, window_start, hits) VALUES ('counter', 0, 0)"); });
  auto node_b = another_node();
  const auto increment = [](Database& node) {
    for (int i = 0; i < 10; ++i) {
      node.write([](Connection& c) {
        const auto hits = c.first_i64("SELECT hits FROM rate_limits WHERE bucket = 'counter'").value_or(-100);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
        c.run("UPDATE rate_limits SET hits = ? WHERE bucket = 'counter'", {hits + 1});
      });
    }
  };
  std::thread a([&] { increment(store().database()); });
  std::thread b([&] { increment(*node_b); });
  a.join();
  b.join();
  node_b->close();
  EXPECT_EQ(store().read([](Connection& c) { return c.first_i64("SELECT hits FROM rate_limits"); }), 20);
}

TEST_F(PostgresDatabaseTest, WritesAreReadCommittedAfterTheLock) {
  store().write([](Connection& c) { EXPECT_EQ(show(c, "transaction_isolation"), "read committed"); });
}

TEST_F(PostgresDatabaseTest, UniqueViolationsKeepRowValuesOutOfTheMessage) {
  store().write([](Connection& c) { accounts::insert(c, {1, "secret-login", "hash", "", 1}); });
  try {
    store().write([](Connection& c) { accounts::insert(c, {2, "Secret-Login", "hash", "", 1}); });
    FAIL() << "expected a unique violation";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::unique_violation);
    EXPECT_EQ(std::string(e.what()).find("secret-login"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresDatabaseTest, ChangesCountOnlyWritesAndPlaceholdersSkipLiterals) {
  store().write([](Connection& c) {
    accounts::insert(c, {1, "a", "hash", "", 1});
    accounts::insert(c, {2, "b", "hash", "", 1});
    c.run("UPDATE accounts SET time_zone = 'What?' WHERE id IN (?, ?)", {int64_t{1}, int64_t{2}});
    EXPECT_EQ(c.changes(), 2);
    c.run("SELECT id FROM accounts");  // a query leaves changes() alone, as on SQLite
    EXPECT_EQ(c.changes(), 2);
    EXPECT_EQ(c.first_i64("SELECT COUNT(*) FROM accounts WHERE time_zone = 'What?' AND id > ?", {int64_t{0}}), 2);
  });
}

TEST_F(PostgresDatabaseTest, BooleansAndFractionsReadAsIntegers) {
  store().read([](Connection& c) {
    c.execute("SELECT 1 = 1, 1 = 2, 7 / 2.0, NULL::bigint, 9007199254740993::bigint", {}, [](const Row& r) {
      EXPECT_EQ(r.i64(0), 1);
      EXPECT_EQ(r.i64(1), 0);
      EXPECT_EQ(r.i64(2), 3);
      EXPECT_TRUE(r.is_null(3));
      EXPECT_EQ(r.i64(3), 0);
      EXPECT_EQ(r.i64(4), 9007199254740993);
    });
  });
}

TEST_F(PostgresDatabaseTest, NullsTakeTheTypeTheServerInfers) {
  store().write([](Connection& c) {
    accounts::insert(c, {1, "a", "hash", "", 1});
    // The same statement with a NULL first and a number later, and the other way round.
    const std::string sql = "UPDATE accounts SET password_changed_at = COALESCE(?, password_changed_at) WHERE id = ?";
    c.run(sql, {nullptr, int64_t{1}});
    c.run(sql, {int64_t{42}, int64_t{1}});
    c.run(sql, {nullptr, int64_t{1}});
    EXPECT_EQ(c.first_i64("SELECT password_changed_at FROM accounts WHERE id = 1"), 42);
  });
}

TEST_F(PostgresDatabaseTest, AConnectionTheServerClosedIsReplaced) {
  const auto pid = store().write([](Connection& c) { return c.first_i64("SELECT pg_backend_pid()").value_or(0); });
  postgres::run_outside_transaction(temp_->location(), "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
  // Wait until the server has really ended that backend.
  for (int i = 0; i < 100; ++i) {
    const auto gone = store().read([&](Connection& c) {
      return c.first_i64("SELECT COUNT(*) FROM pg_stat_activity WHERE pid = ?", {pid}).value_or(0) == 0;
    });
    if (gone) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  store().write([](Connection& c) { accounts::insert(c, {1, "after", "hash", "", 1}); });
  EXPECT_TRUE(store().read([](Connection& c) { return accounts::find(c, 1); }).has_value());
}

TEST_F(PostgresDatabaseTest, SearchHasItsIndexAndTextConfiguration) {
  store().read([](Connection& c) {
    EXPECT_EQ(c.first_i64("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'post_search_document'"), 1);
    EXPECT_EQ(c.first_i64("SELECT COUNT(*) FROM pg_ts_config WHERE cfgname = 'hearth_search'"), 1);
  });
}

TEST(PostgresStore, NodesStartingTogetherApplyEachMigrationOnce) {
  HEARTH_POSTGRES_ONLY("several nodes share one PostgreSQL database");
  const std::string server = testing::test_postgres_url();
  const std::string name = "hearth_test_" + random_hex(8);
  postgres::run_outside_transaction(server, "CREATE DATABASE " + name);
  const std::string url = postgres::with_database(server, name);
  const auto start = [&] { return Store::open({.location = url, .readers = 1}); };
  auto a = std::async(std::launch::async, start);
  auto b = std::async(std::launch::async, start);
  auto store_a = a.get();
  auto store_b = b.get();
  EXPECT_TRUE(store_a.ok()) << store_a.error().message;
  EXPECT_TRUE(store_b.ok()) << store_b.error().message;
  if (store_a.ok()) (*store_a)->close();
  if (store_b.ok()) (*store_b)->close();
  postgres::run_outside_transaction(server, "DROP DATABASE " + name + " WITH (FORCE)");
}

TEST(PostgresStore, AMalformedLocationIsRefusedPlainly) {
  const auto opened = Store::open({.location = "postgresql:/nowhere"});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().field, "database");
}

TEST(PostgresStore, AnUnreachableServerIsUnavailableAndTheMessageHidesThePassword) {
  const auto opened = Store::open({.location = "postgresql://hearth:s3cret@127.0.0.1:1/hearth?connect_timeout=2"});
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::unavailable);
  EXPECT_EQ(opened.error().message.find("s3cret"), std::string::npos) << opened.error().message;
}

}  // namespace
}  // namespace hearth
