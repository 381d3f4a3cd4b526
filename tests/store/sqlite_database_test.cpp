#include "store/sqlite/sqlite_database.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/accounts.hpp"
#include "support/temp_store.hpp"

namespace hearth {

TEST(SqliteDatabase, FailedWriteLeavesNothingBehind) {
  testing::TempStore temp;
  EXPECT_THROW(temp.store().write([](Connection& c) {
    accounts::insert(c, {1, "someone", "hash", "", 1});
    throw std::runtime_error("something broke half-way");
  }),
               std::runtime_error);
  EXPECT_FALSE(temp.store().read([](Connection& c) { return accounts::find(c, 1); }).has_value());
}

TEST(SqliteDatabase, UniqueViolationHasItsOwnKind) {
  testing::TempStore temp;
  temp.store().write([](Connection& c) { accounts::insert(c, {1, "someone", "hash", "", 1}); });
  try {
    temp.store().write([](Connection& c) { accounts::insert(c, {2, "SomeOne", "hash", "", 1}); });
    FAIL() << "expected a unique violation (login names are case-insensitive)";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::unique_violation);
  }
}

TEST(SqliteDatabase, ReadersSeeCommittedWritesAndRunConcurrently) {
  testing::TempStore temp;
  std::atomic<int> found{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        const AccountId id = t * 1000 + i + 1;
        temp.store().write([&](Connection& c) {
          accounts::insert(c, {id, "user" + std::to_string(id), "hash", "", 1});
        });
        if (temp.store().read([&](Connection& c) { return accounts::find(c, id); })) ++found;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(found.load(), 100);
  EXPECT_EQ(temp.store().read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM accounts"); }), 100);
}

TEST(SqliteDatabase, StatementsBindNullsAndText) {
  testing::TempStore temp;
  temp.store().write([](Connection& c) { accounts::insert(c, {7, "quote'name", "h", "", 5}); });
  const auto email_is_null = temp.store().read([](Connection& c) {
    return c.first_i64("SELECT recovery_email IS NULL FROM accounts WHERE id = ?", {int64_t{7}});
  });
  EXPECT_EQ(email_is_null, 1);
  const auto account = temp.store().read([](Connection& c) { return accounts::find(c, 7); });
  ASSERT_TRUE(account);
  EXPECT_EQ(account->login_name, "quote'name");
}

}  // namespace hearth
