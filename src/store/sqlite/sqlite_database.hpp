#pragma once
// The embedded SQLite engine: WAL journal (readers never block the writer), foreign keys
// on, a busy timeout, synchronous=FULL so an acknowledged commit survives a crash, one
// writer connection and a pool of reader connections, each with its own statement cache.
#include <memory>
#include <string>

#include "store/database.hpp"

namespace hearth {

struct SqliteOptions {
  std::string path;  // the database file; created when missing
  int readers = 4;
  int busy_timeout_ms = 5000;
};

std::unique_ptr<Database> open_sqlite(const SqliteOptions& options);

}  // namespace hearth
