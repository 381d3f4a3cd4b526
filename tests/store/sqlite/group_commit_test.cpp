#include "store/sqlite/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <stdexcept>
#include <thread>
#include <vector>

#include "core/random.hpp"

namespace hearth {
namespace {

// One SQLite file with a table of numbered rows, and the writer connection's group commit.
class GroupCommitTest : public ::testing::Test {
 protected:
  GroupCommitTest()
      : dir_(std::filesystem::temp_directory_path() / ("hearth-group-commit-" + random_hex(8))),
        made_(std::filesystem::create_directories(dir_)),
        writer_((dir_ / "test.db").string(), 5000),
        commits_(writer_, 64, [this](std::size_t bodies, auto) {
          std::lock_guard lock(mutex_);
          batches_.push_back(bodies);
        }) {
    writer_.execute_script("CREATE TABLE rows (n INTEGER PRIMARY KEY, label TEXT NOT NULL)");
    batches_.clear();
  }
  ~GroupCommitTest() override {
    commits_.close();
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  static void insert(Connection& c, int64_t n, const std::string& label = "") {
    c.run("INSERT INTO rows (n, label) VALUES (?, ?)", {n, label});
  }
  // What another connection sees: only committed rows.
  std::vector<int64_t> committed() {
    SqliteConnection reader((dir_ / "test.db").string(), 5000);
    return reader.all<int64_t>("SELECT n FROM rows ORDER BY n", {}, [](const Row& r) { return r.i64(0); });
  }
  std::vector<std::size_t> batches() {
    std::lock_guard lock(mutex_);
    return batches_;
  }
  void wait_for_waiting(std::size_t count) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (commits_.waiting() < count) {
      ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "writers did not queue";
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  // Holds the writer in a transaction until released, so that the writers started meanwhile
  // queue up and run together in the next one.
  class Blocker {
   public:
    explicit Blocker(GroupCommitTest& test) {
      thread_ = std::thread([&test, this] {
        test.commits_.write([this](Connection& c) {
          insert(c, 1, "blocker");
          started_.set_value();
          release_.get_future().wait();
        });
      });
      started_.get_future().wait();
    }
    void release_and_join() {
      release_.set_value();
      thread_.join();
    }

   private:
    std::promise<void> started_;
    std::promise<void> release_;
    std::thread thread_;
  };

  std::filesystem::path dir_;
  bool made_;
  SqliteConnection writer_;
  GroupCommit commits_;
  std::mutex mutex_;
  std::vector<std::size_t> batches_;
};

TEST_F(GroupCommitTest, AloneAWriteCommitsInATransactionOfItsOwn) {
  commits_.write([](Connection& c) { insert(c, 7); });
  EXPECT_EQ(committed(), std::vector<int64_t>{7});
  EXPECT_EQ(batches(), std::vector<std::size_t>{1});
  EXPECT_THROW(commits_.write([](Connection& c) {
    insert(c, 8);
    throw std::runtime_error("broke half-way");
  }),
               std::runtime_error);
  EXPECT_EQ(committed(), std::vector<int64_t>{7});
}

TEST_F(GroupCommitTest, AFailingBodyRollsBackOnlyItselfAndTheOthersInItsBatchCommit) {
  Blocker blocker(*this);
  std::vector<std::thread> writers;
  std::atomic<int> returned{0};
  std::exception_ptr failed;
  // Queued one after another, so the batch's order is known.
  writers.emplace_back([&] {
    commits_.write([](Connection& c) { insert(c, 2); });
    ++returned;
  });
  wait_for_waiting(1);
  writers.emplace_back([&] {
    try {
      commits_.write([](Connection& c) {
        insert(c, 3);
        throw std::runtime_error("this one breaks");
      });
    } catch (...) {
      failed = std::current_exception();
    }
  });
  wait_for_waiting(2);
  writers.emplace_back([&] {
    commits_.write([](Connection& c) { insert(c, 4); });
    ++returned;
  });
  wait_for_waiting(3);
  EXPECT_TRUE(committed().empty());  // nothing is visible before its commit
  blocker.release_and_join();
  for (auto& w : writers) w.join();

  EXPECT_EQ(returned.load(), 2);
  ASSERT_TRUE(failed);
  EXPECT_THROW(std::rethrow_exception(failed), std::runtime_error);
  EXPECT_EQ(committed(), (std::vector<int64_t>{1, 2, 4}));
  EXPECT_EQ(batches(), (std::vector<std::size_t>{1, 3}));
}

TEST_F(GroupCommitTest, AUniqueViolationKeepsItsKindAndTheBatchGoesOn) {
  Blocker blocker(*this);
  std::optional<DatabaseError::Kind> kind;
  std::thread taken([&] {
    try {
      commits_.write([](Connection& c) { insert(c, 1, "taken"); });  // the blocker's row
    } catch (const DatabaseError& e) {
      kind = e.kind();
    }
  });
  wait_for_waiting(1);
  std::thread fine([&] { commits_.write([](Connection& c) { insert(c, 5); }); });
  wait_for_waiting(2);
  blocker.release_and_join();
  taken.join();
  fine.join();
  EXPECT_EQ(kind, DatabaseError::Kind::unique_violation);
  EXPECT_EQ(committed(), (std::vector<int64_t>{1, 5}));
}

TEST_F(GroupCommitTest, BodiesRunInArrivalOrderAndSeeTheEarlierOnesOfTheirBatch) {
  Blocker blocker(*this);
  std::vector<std::thread> writers;
  for (int i = 0; i < 4; ++i) {
    writers.emplace_back([&, i] {
      commits_.write([i](Connection& c) {
        const int64_t last = c.first_i64("SELECT MAX(n) FROM rows").value_or(0);
        insert(c, last + 1, "writer " + std::to_string(i));
      });
    });
    wait_for_waiting(static_cast<std::size_t>(i) + 1);
  }
  blocker.release_and_join();
  for (auto& w : writers) w.join();
  SqliteConnection reader((dir_ / "test.db").string(), 5000);
  const auto labels =
      reader.all<std::string>("SELECT label FROM rows ORDER BY n", {}, [](const Row& r) { return r.text(0); });
  EXPECT_EQ(labels, (std::vector<std::string>{"blocker", "writer 0", "writer 1", "writer 2", "writer 3"}));
}

TEST_F(GroupCommitTest, ManyConcurrentWritersAllCommitExactlyOnce) {
  constexpr int threads = 8;
  constexpr int each = 40;
  std::vector<std::thread> writers;
  for (int t = 0; t < threads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < each; ++i) {
        const int64_t n = 1000 * (t + 1) + i;
        if (i % 10 == 9) {  // some fail, in whatever batch they land
          EXPECT_THROW(commits_.write([&](Connection& c) {
            insert(c, -n);
            throw std::runtime_error("refused");
          }),
                       std::runtime_error);
        } else {
          commits_.write([&](Connection& c) { insert(c, n); });
        }
      }
    });
  }
  for (auto& w : writers) w.join();
  const auto rows = committed();
  EXPECT_EQ(rows.size(), static_cast<std::size_t>(threads * (each - each / 10)));
  EXPECT_TRUE(std::all_of(rows.begin(), rows.end(), [](int64_t n) { return n > 0; }));
  std::size_t bodies = 0;
  for (std::size_t b : batches()) bodies += b;
  EXPECT_EQ(bodies, static_cast<std::size_t>(threads * each));
}

TEST_F(GroupCommitTest, ClosedRefusesWrites) {
  commits_.close();
  try {
    commits_.write([](Connection& c) { insert(c, 9); });
    FAIL() << "a closed writer took a write";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::busy);
  }
  EXPECT_TRUE(committed().empty());
}

}  // namespace
}  // namespace hearth
