#pragma once
// The read connections of one engine: a fixed set, lent out one transaction at a time.
// Shared by store/sqlite and store/postgres, which differ in how a connection is opened and
// how a transaction begins, not in how connections are shared.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/database.hpp"

namespace hearth {

// The duration of a transaction in hearth_db_transaction_seconds{kind="read"|"write"}.
void record_transaction_time(const char* kind, std::chrono::steady_clock::time_point started);

template <class C>
class ReaderPool {
 public:
  // `open` makes one connection; at least one is made.
  ReaderPool(int size, const std::function<std::unique_ptr<C>()>& open) {
    for (int i = 0; i < std::max(1, size); ++i) {
      all_.push_back(open());
      idle_.push_back(all_.back().get());
    }
  }

  // Runs `use` with a connection of its own, waiting for one to be free; throws `busy` once
  // the pool is closed.
  void with_reader(const std::function<void(C&)>& use) {
    C* reader = checkout();
    struct Return {
      ReaderPool* pool;
      C* reader;
      ~Return() { pool->give_back(reader); }
    } give_back{this, reader};
    use(*reader);
  }

  // Waits until every connection is back, then closes them all.
  void close() {
    std::unique_lock lock(mutex_);
    closed_ = true;
    changed_.wait(lock, [&] { return idle_.size() == all_.size(); });
    idle_.clear();
    all_.clear();
  }

 private:
  C* checkout() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return closed_ || !idle_.empty(); });
    if (closed_) throw DatabaseError(DatabaseError::Kind::busy, "the database is closed");
    C* reader = idle_.back();
    idle_.pop_back();
    return reader;
  }

  void give_back(C* reader) {
    {
      std::lock_guard lock(mutex_);
      idle_.push_back(reader);
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<C>> all_;
  std::vector<C*> idle_;
  bool closed_ = false;
};

}  // namespace hearth
