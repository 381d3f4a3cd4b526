#pragma once
// Copies the WAL back into the database file on a thread of its own. SQLite's automatic
// checkpoint runs inside the commit that crosses the threshold, so one writer in a thousand
// pages waited for the whole copy and two fsyncs (the tail of posting's latency). Here the
// writer's commit only notes the WAL's size (a WAL hook); past `frames` pages this thread
// runs a PASSIVE checkpoint on its own connection, which never blocks the writer or readers.
// If it falls far behind, the writer checkpoints itself as SQLite would have, so the WAL
// stays bounded. Durability is unchanged: a commit is durable once its WAL frames are synced
// (synchronous=FULL), whenever the copy happens.
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_connection.hpp"

namespace hearth {

class Checkpointer {
 public:
  // Watches `writer` (installs its WAL hook) and checkpoints through a connection of its own.
  Checkpointer(SqliteConnection& writer, const std::string& path, int busy_timeout_ms, int frames);
  ~Checkpointer();
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // Finishes a running checkpoint and ends the thread; the writer checkpoints on its own
  // again (SQLite's default) afterwards.
  void stop();
  // Checkpoints run so far, by this thread and by the writer when this thread lagged.
  int64_t checkpoints() const;

 private:
  static int on_commit(void* self, struct sqlite3* db, const char* name, int frames);
  void run();

  SqliteConnection& writer_;
  std::unique_ptr<SqliteConnection> connection_;
  const int frames_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool wanted_ = false;
  bool stopping_ = false;
  int64_t checkpoints_ = 0;
  std::thread thread_;
};

}  // namespace hearth
