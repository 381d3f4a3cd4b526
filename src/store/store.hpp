#pragma once
// The Store: the one way the layers above reach the database. It picks the engine from the
// configured location (the only place that knows which engines exist), applies migrations,
// and runs read and write transactions. The SQL itself lives in the store/ modules
// (accounts.hpp, sessions.hpp, …), which take the Connection of a transaction.
#include <memory>
#include <optional>
#include <string>
#include <type_traits>

#include "core/result.hpp"
#include "store/database.hpp"

namespace hearth {

struct StoreOptions {
  // "sqlite:PATH" or a plain file path (SQLite), or "postgresql://…" (PostgreSQL).
  std::string location;
  int readers = 4;
};

class Store {
 public:
  explicit Store(std::unique_ptr<Database> database) : database_(std::move(database)) {}
  static Result<std::unique_ptr<Store>> open(const StoreOptions& options);
  // The location as it may be logged or shown: a PostgreSQL URL without its password.
  static std::string describe(const std::string& location);

  // Runs `body(Connection&)` in a read transaction and returns what it returns.
  template <class F>
  auto read(F&& body) {
    return run(&Database::read, std::forward<F>(body));
  }
  // Runs `body(Connection&)` in one write transaction; durable once this returns.
  template <class F>
  auto write(F&& body) {
    return run(&Database::write, std::forward<F>(body));
  }

  Database& database() { return *database_; }
  std::string_view engine() const { return database_->engine(); }
  void close() { database_->close(); }

 private:
  template <class F>
  auto run(void (Database::*transaction)(const std::function<void(Connection&)>&), F&& body) {
    using R = std::invoke_result_t<F, Connection&>;
    if constexpr (std::is_void_v<R>) {
      ((*database_).*transaction)([&](Connection& c) { body(c); });
    } else {
      std::optional<R> result;
      ((*database_).*transaction)([&](Connection& c) { result.emplace(body(c)); });
      return std::move(*result);
    }
  }

  std::unique_ptr<Database> database_;
};

}  // namespace hearth
