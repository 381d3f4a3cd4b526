#include "store/sqlite/group_commit.hpp"

#include <algorithm>
#include <chrono>

namespace hearth {

GroupCommit::GroupCommit(SqliteConnection& writer, std::size_t max_batch, Observer observer)
    : writer_(writer), max_batch_(std::max<std::size_t>(1, max_batch)), observer_(std::move(observer)) {}

void GroupCommit::write(const Body& body) {
  Request request{&body};
  std::unique_lock lock(mutex_);
  if (closed_) throw DatabaseError(DatabaseError::Kind::busy, "the database is closed");
  queue_.push_back(&request);
  while (!request.done) {
    if (leading_) {
      finished_.wait(lock);
      continue;
    }
    if (closed_) {  // closed while this request waited: it never ran
      queue_.erase(std::find(queue_.begin(), queue_.end(), &request));
      throw DatabaseError(DatabaseError::Kind::busy, "the database is closed");
    }
    lead(lock);
  }
  if (request.error) std::rethrow_exception(request.error);
}

void GroupCommit::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  finished_.wait(lock, [&] { return !leading_; });
  finished_.notify_all();
}

std::size_t GroupCommit::waiting() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

// Takes the oldest queued requests (this writer's own among them unless more than a batch
// is ahead of it) and runs them with the lock released, so later writers can queue.
void GroupCommit::lead(std::unique_lock<std::mutex>& lock) {
  leading_ = true;
  const std::size_t count = std::min(max_batch_, queue_.size());
  std::vector<Request*> batch(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
  queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(count));
  lock.unlock();
  const auto started = std::chrono::steady_clock::now();
  try {
    run_batch(batch);
  } catch (...) {  // only allocation can throw here; no caller may be left waiting
    for (Request* request : batch) {
      if (!request->error) request->error = std::current_exception();
    }
    try {
      if (writer_.in_transaction()) writer_.execute_script("ROLLBACK");
    } catch (...) {
    }
  }
  if (observer_) {
    try {
      observer_(batch.size(), started);
    } catch (...) {  // a metric must not turn a committed write into an error
    }
  }
  lock.lock();
  for (Request* request : batch) request->done = true;
  leading_ = false;
  finished_.notify_all();
}

void GroupCommit::run_batch(const std::vector<Request*>& batch) {
  if (batch.size() == 1) return run_alone(*batch.front());
  try {
    writer_.execute_script("BEGIN IMMEDIATE");
  } catch (...) {
    for (Request* request : batch) request->error = std::current_exception();
    return;
  }
  for (Request* request : batch) {
    if (!run_in_savepoint(*request)) {
      // The transaction is gone (SQLite rolled it back after an I/O error, or a savepoint
      // could not be undone): what ran before is lost, so nothing of this batch may be
      // acknowledged.
      try {
        if (writer_.in_transaction()) writer_.execute_script("ROLLBACK");
      } catch (...) {
      }
      const auto lost = std::make_exception_ptr(
          DatabaseError(DatabaseError::Kind::other, "the write transaction was rolled back by the database"));
      for (Request* r : batch) {
        if (!r->error) r->error = lost;
      }
      return;
    }
  }
  try {
    writer_.execute_script("COMMIT");
  } catch (...) {
    const auto failed = std::current_exception();
    try {
      if (writer_.in_transaction()) writer_.execute_script("ROLLBACK");
    } catch (...) {
    }
    for (Request* request : batch) {
      if (!request->error) request->error = failed;
    }
  }
}

void GroupCommit::run_alone(Request& request) {
  try {
    writer_.execute_script("BEGIN IMMEDIATE");
    try {
      (*request.body)(writer_);
      writer_.execute_script("COMMIT");
    } catch (...) {
      try {
        if (writer_.in_transaction()) writer_.execute_script("ROLLBACK");
      } catch (...) {
      }
      throw;
    }
  } catch (...) {
    request.error = std::current_exception();
  }
}

// False when the transaction can't go on: SQLite rolled it back, or the body's savepoint
// could not be undone (its writes would otherwise be committed with the others).
bool GroupCommit::run_in_savepoint(Request& request) {
  try {
    writer_.execute_script("SAVEPOINT hearth_write");
  } catch (...) {
    request.error = std::current_exception();
    return writer_.in_transaction();
  }
  try {
    (*request.body)(writer_);
    writer_.execute_script("RELEASE hearth_write");
    return true;
  } catch (...) {
    request.error = std::current_exception();
  }
  if (!writer_.in_transaction()) return false;
  try {
    writer_.execute_script("ROLLBACK TO hearth_write; RELEASE hearth_write");
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace hearth
