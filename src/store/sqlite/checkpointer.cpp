#include "store/sqlite/checkpointer.hpp"

#include <sqlite3.h>

#include <algorithm>

namespace hearth {
namespace {

// Past this many times the threshold the writer stops waiting for the thread.
constexpr int lag_factor = 8;
// SQLite's own threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT, not in the public header).
constexpr int sqlite_default_frames = 1000;

}  // namespace

Checkpointer::Checkpointer(SqliteConnection& writer, const std::string& path, int busy_timeout_ms, int frames)
    : writer_(writer),
      connection_(std::make_unique<SqliteConnection>(path, busy_timeout_ms)),
      frames_(std::max(1, frames)) {
  thread_ = std::thread([this] { run(); });
  // Replaces SQLite's automatic checkpoint, which is itself a WAL hook.
  sqlite3_wal_hook(writer_.handle(), &Checkpointer::on_commit, this);
}

Checkpointer::~Checkpointer() {
  stop();
}

void Checkpointer::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
  sqlite3_wal_hook(writer_.handle(), nullptr, nullptr);
  sqlite3_wal_autocheckpoint(writer_.handle(), sqlite_default_frames);
  connection_.reset();
}

int64_t Checkpointer::checkpoints() const {
  std::lock_guard lock(mutex_);
  return checkpoints_;
}

// Runs on the writer's thread right after a commit, with `frames` pages in the WAL.
int Checkpointer::on_commit(void* self, sqlite3* db, const char* name, int frames) {
  auto& checkpointer = *static_cast<Checkpointer*>(self);
  if (frames < checkpointer.frames_) return SQLITE_OK;
  if (frames >= lag_factor * checkpointer.frames_) {
    sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    std::lock_guard lock(checkpointer.mutex_);
    ++checkpointer.checkpoints_;
    return SQLITE_OK;
  }
  {
    std::lock_guard lock(checkpointer.mutex_);
    checkpointer.wanted_ = true;
  }
  checkpointer.wake_.notify_one();
  return SQLITE_OK;
}

void Checkpointer::run() {
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait(lock, [&] { return wanted_ || stopping_; });
    if (stopping_) return;
    wanted_ = false;
    lock.unlock();
    // PASSIVE: copies what no reader still needs, takes no writer lock. A failure (busy,
    // I/O) leaves the WAL as it was; the next commit past the threshold asks again.
    const int rc =
        sqlite3_wal_checkpoint_v2(connection_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    if (rc == SQLITE_OK) ++checkpoints_;
  }
}

}  // namespace hearth
