#pragma once
// One SQLite connection: WAL, synchronous=FULL (an acknowledged commit survives a crash or a
// power cut), foreign keys, a busy timeout, memory-mapped reads, and its own cache of
// prepared statements. Used by store/sqlite's writer, readers and checkpointer; nothing
// outside store/sqlite sees it.
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace hearth {

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, int busy_timeout_ms);
  ~SqliteConnection() override;
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  void execute(std::string_view sql, const std::vector<SqlValue>& params,
               const std::function<void(const Row&)>& on_row) override;
  void execute_script(std::string_view sql) override;
  int64_t changes() override;
  std::string_view engine() const override { return "sqlite"; }

  // Whether a transaction is open: false once SQLite has rolled one back by itself, as it
  // does after some I/O, disk-full and out-of-memory errors.
  bool in_transaction() const;
  sqlite3* handle() const { return db_; }

 private:
  sqlite3_stmt* prepare(std::string_view sql);
  void bind(sqlite3_stmt* statement, int index, const SqlValue& value);

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

}  // namespace hearth
