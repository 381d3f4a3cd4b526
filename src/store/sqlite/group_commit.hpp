#pragma once
// Group commit for the one SQLite writer connection. Writers that arrive while a transaction
// is running queue up; the first of them then leads: it runs the queued bodies (up to
// `max_batch`) in one transaction, each inside a SAVEPOINT of its own, commits once — one
// WAL fsync for all of them — and wakes the others. Under load that turns N commits into
// one; alone, a writer runs exactly as before (no savepoint, its own commit).
//
// Each body keeps its own outcome: one that throws is rolled back to its savepoint and its
// caller gets its exception; the others in the batch are untouched and commit. Bodies run in
// the order they arrived, each seeing the ones before it, as serial transactions would. A
// caller returns only after the commit that contains its body: every write it acknowledges
// is durable. If the commit itself fails (or SQLite rolls the whole transaction back after
// an I/O error), every body of the batch that had not failed gets that error.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <vector>

#include "store/sqlite/sqlite_connection.hpp"

namespace hearth {

class GroupCommit {
 public:
  using Body = std::function<void(Connection&)>;
  // Called by the leader after each transaction: how many bodies it held and how long it took.
  using Observer = std::function<void(std::size_t bodies, std::chrono::steady_clock::time_point started)>;

  GroupCommit(SqliteConnection& writer, std::size_t max_batch, Observer observer = {});

  // Runs `body` in a write transaction; returns once it is committed, or throws what the
  // body threw (its writes rolled back) or the transaction's error.
  void write(const Body& body);

  // Waits for the running transaction, then refuses new writes (DatabaseError busy).
  void close();

  // Writers waiting for a transaction (not the running one); for tests.
  std::size_t waiting() const;

 private:
  struct Request {
    const Body* body;
    std::exception_ptr error;
    bool done = false;
  };

  void lead(std::unique_lock<std::mutex>& lock);
  void run_batch(const std::vector<Request*>& batch);
  void run_alone(Request& request);
  bool run_in_savepoint(Request& request);

  SqliteConnection& writer_;
  const std::size_t max_batch_;
  Observer observer_;
  mutable std::mutex mutex_;
  std::condition_variable finished_;
  std::deque<Request*> queue_;
  bool leading_ = false;
  bool closed_ = false;
};

}  // namespace hearth
