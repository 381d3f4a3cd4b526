#include "store/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include "store/sqlite/match_score.hpp"

namespace hearth {
namespace {

[[noreturn]] void fail(sqlite3* db, int code, std::string_view during) {
  const int extended = db ? sqlite3_extended_errcode(db) : code;
  const std::string message = std::string(during) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  if (extended == SQLITE_CONSTRAINT_UNIQUE || extended == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw DatabaseError(DatabaseError::Kind::unique_violation, message);
  }
  if ((code & 0xFF) == SQLITE_BUSY || (code & 0xFF) == SQLITE_LOCKED) {
    throw DatabaseError(DatabaseError::Kind::busy, message);
  }
  throw DatabaseError(DatabaseError::Kind::other, message);
}

class StatementRow final : public Row {
 public:
  explicit StatementRow(sqlite3_stmt* statement) : statement_(statement) {}
  bool is_null(int column) const override { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  int64_t i64(int column) const override { return sqlite3_column_int64(statement_, column); }
  std::string text(int column) const override {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
    return data ? std::string(data, sqlite3_column_bytes(statement_, column)) : std::string();
  }

 private:
  sqlite3_stmt* statement_;
};

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, int busy_timeout_ms) {
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr); rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw DatabaseError(DatabaseError::Kind::other, "cannot open " + path + ": " + message);
  }
  sqlite3_busy_timeout(db_, busy_timeout_ms);
  // Memory-mapped reads: pages come straight from the OS page cache, shared by every
  // connection, instead of a pread() copy into each connection's own small cache. On the
  // 1M-post bench database that was a quarter of a search's CPU (bench/README.md). SQLite
  // maps read-only and caps the size at its compile-time maximum (2 GB on Debian).
  execute_script(
      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
      "PRAGMA temp_store=MEMORY; PRAGMA mmap_size=2147418112;");
  register_match_score(db_);
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : cache_) sqlite3_finalize(statement);
  sqlite3_close(db_);
}

void SqliteConnection::execute(std::string_view sql, const std::vector<SqlValue>& params,
                               const std::function<void(const Row&)>& on_row) {
  sqlite3_stmt* statement = prepare(sql);
  // Reset before returning, even on error, so the cached statement holds no read lock.
  struct Reset {
    sqlite3_stmt* s;
    ~Reset() {
      sqlite3_reset(s);
      sqlite3_clear_bindings(s);
    }
  } reset{statement};
  for (std::size_t i = 0; i < params.size(); ++i) bind(statement, static_cast<int>(i + 1), params[i]);
  StatementRow row(statement);
  for (;;) {
    const int rc = sqlite3_step(statement);
    if (rc == SQLITE_ROW) {
      on_row(row);
      continue;
    }
    if (rc == SQLITE_DONE) break;
    fail(db_, rc, sql);
  }
}

void SqliteConnection::execute_script(std::string_view sql) {
  char* message = nullptr;
  const std::string text(sql);
  if (const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message); rc != SQLITE_OK) {
    const std::string detail = message ? message : sqlite3_errstr(rc);
    sqlite3_free(message);
    throw DatabaseError(DatabaseError::Kind::other, "script failed: " + detail);
  }
}

int64_t SqliteConnection::changes() {
  return sqlite3_changes64(db_);
}

bool SqliteConnection::in_transaction() const {
  return sqlite3_get_autocommit(db_) == 0;
}

sqlite3_stmt* SqliteConnection::prepare(std::string_view sql) {
  std::string key(sql);
  if (auto found = cache_.find(key); found != cache_.end()) return found->second;
  sqlite3_stmt* statement = nullptr;
  const int rc =
      sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
  if (rc != SQLITE_OK) fail(db_, rc, sql);
  cache_.emplace(std::move(key), statement);
  return statement;
}

void SqliteConnection::bind(sqlite3_stmt* statement, int index, const SqlValue& value) {
  int rc = SQLITE_OK;
  if (std::holds_alternative<std::nullptr_t>(value)) {
    rc = sqlite3_bind_null(statement, index);
  } else if (const auto* number = std::get_if<int64_t>(&value)) {
    rc = sqlite3_bind_int64(statement, index, *number);
  } else {
    const auto& text = std::get<std::string>(value);
    rc = sqlite3_bind_text64(statement, index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  }
  if (rc != SQLITE_OK) fail(db_, rc, "bind");
}

}  // namespace hearth
