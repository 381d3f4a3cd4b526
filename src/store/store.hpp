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
#include "store/change_bus.hpp"
#include "store/database.hpp"

namespace hearth {

struct StoreOptions {
  // "sqlite:PATH" or a plain file path (SQLite), or "postgresql://…" (PostgreSQL).
  std::string location;
  int readers = 4;
  // A PostgreSQL streaming replica of `location` for reads that may use it (docs/postgres.md,
  // store/read_routing.hpp); empty: every read goes to `location`.
  std::string replica;
};

class Store {
 public:
  explicit Store(std::unique_ptr<Database> database, std::unique_ptr<ChangeBus> bus = nullptr, bool has_replica = false)
      : database_(std::move(database)), bus_(std::move(bus)), has_replica_(has_replica) {}
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

  // Tells the other nodes on the same database what changed (store/change_bus.hpp): call
  // only after the change committed. A no-op on an engine with one node (SQLite).
  void publish_change(const ChangeNotice& notice) {
    if (bus_) bus_->publish(notice);
  }
  // `subscriber` hears of the other nodes' changes, on a thread of the store's (never of
  // this node's own). Never called on an engine with one node. Call once, before serving.
  void subscribe_changes(ChangeBus::Subscriber subscriber) {
    if (bus_) bus_->subscribe(std::move(subscriber));
  }
  // True when some reads may go to a read replica: the composition root then marks the
  // requests whose reads must see the client's own writes (read_routing.hpp).
  bool has_replica() const { return has_replica_; }

  Database& database() { return *database_; }
  std::string_view engine() const { return database_->engine(); }
  void close() {
    if (bus_) bus_->stop();
    database_->close();
  }

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
  std::unique_ptr<ChangeBus> bus_;
  bool has_replica_ = false;
};

}  // namespace hearth
