#include "store/sqlite/checkpointer.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/random.hpp"

namespace hearth {
namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  CheckpointerTest() : dir_(std::filesystem::temp_directory_path() / ("hearth-checkpoint-" + random_hex(8))) {
    std::filesystem::create_directories(dir_);
  }
  ~CheckpointerTest() override {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  std::string path() const { return (dir_ / "test.db").string(); }
  // Pages in the WAL that are not yet copied into the database file, as a checkpoint that
  // copies nothing reports them.
  int64_t wal_pages(SqliteConnection& c) {
    return c.first<int64_t>("PRAGMA wal_checkpoint(PASSIVE)", {}, [](const Row& r) { return r.i64(1); }).value_or(-1);
  }
  static void write_rows(SqliteConnection& writer, int from, int count) {
    for (int i = from; i < from + count; ++i) {
      writer.execute_script("BEGIN IMMEDIATE");
      writer.run("INSERT INTO pages (n, filler) VALUES (?, ?)", {int64_t{i}, std::string(3000, 'x')});
      writer.execute_script("COMMIT");
    }
  }

  std::filesystem::path dir_;
};

TEST_F(CheckpointerTest, CopiesTheWalBackOnItsOwnThreadPastTheThreshold) {
  SqliteConnection writer(path(), 5000);
  writer.execute_script("CREATE TABLE pages (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)");
  Checkpointer checkpointer(writer, path(), 5000, 60);
  write_rows(writer, 0, 5);  // a few pages each, under the threshold: nothing to do yet
  EXPECT_EQ(checkpointer.checkpoints(), 0);
  write_rows(writer, 5, 45);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (checkpointer.checkpoints() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GT(checkpointer.checkpoints(), 0);
  // Whatever it copied is readable from the database, and nothing was lost.
  SqliteConnection reader(path(), 5000);
  EXPECT_EQ(reader.first_i64("SELECT COUNT(*) FROM pages"), 50);
}

TEST_F(CheckpointerTest, OnceAnOldSnapshotIsGoneTheWalIsCopiedAndReused) {
  SqliteConnection writer(path(), 5000);
  writer.execute_script("CREATE TABLE pages (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)");
  Checkpointer checkpointer(writer, path(), 5000, 4);
  // A reader holding an old snapshot keeps the thread from copying past it; the WAL grows.
  SqliteConnection reader(path(), 5000);
  reader.execute_script("BEGIN");
  EXPECT_EQ(reader.first_i64("SELECT COUNT(*) FROM pages"), 0);
  write_rows(writer, 0, 60);
  reader.execute_script("COMMIT");
  write_rows(writer, 60, 40);  // copied by the thread, or by the writer past 8 × 4 pages
  EXPECT_LT(wal_pages(writer), 8 * 4 + 8);
  EXPECT_EQ(reader.first_i64("SELECT COUNT(*) FROM pages"), 100);
}

TEST_F(CheckpointerTest, AfterStopTheWriterCheckpointsAsSqliteDoes) {
  SqliteConnection writer(path(), 5000);
  writer.execute_script("CREATE TABLE pages (n INTEGER PRIMARY KEY, filler TEXT NOT NULL)");
  Checkpointer checkpointer(writer, path(), 5000, 1'000'000);
  checkpointer.stop();
  checkpointer.stop();          // twice is fine
  write_rows(writer, 0, 1200);  // SQLite's own threshold is 1000 pages
  EXPECT_LT(wal_pages(writer), 1010);
  EXPECT_EQ(checkpointer.checkpoints(), 0);
}

}  // namespace
}  // namespace hearth
