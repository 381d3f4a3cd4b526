#pragma once
// The embedded SQLite engine: WAL journal (readers never block the writer), foreign keys
// on, a busy timeout, synchronous=FULL so an acknowledged commit survives a crash, one
// writer connection and a pool of reader connections, each with its own statement cache.
// Writes that queue behind a running one share its successor's commit (group commit,
// store/sqlite/group_commit.hpp); the WAL is copied back by a thread of its own
// (store/sqlite/checkpointer.hpp).
#include <memory>
#include <string>

#include "store/database.hpp"

namespace hearth {

struct SqliteOptions {
  std::string path;  // the database file; created when missing
  int readers = 4;
  int busy_timeout_ms = 5000;
  // At most this many queued write transactions' bodies share one commit.
  int max_group_commit = 64;
  // WAL pages after which the background thread checkpoints; 0 = SQLite's own automatic
  // checkpoint in the committing writer (1000 pages).
  int checkpoint_frames = 1000;
};

std::unique_ptr<Database> open_sqlite(const SqliteOptions& options);

}  // namespace hearth
