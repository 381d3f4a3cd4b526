#pragma once
// The engine-neutral database interface. SQL is written once, with `?` placeholders, in the
// store/ modules; an engine (store/sqlite, later store/postgres) implements Connection and
// Database. Nothing outside store/ branches on the engine.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace hearth {

using SqlValue = std::variant<std::nullptr_t, int64_t, std::string>;
// An optional column value: NULL when absent.
inline SqlValue optional_value(const std::optional<int64_t>& value) {
  return value ? SqlValue(*value) : SqlValue(nullptr);
}

// Database failures that are not the user's doing surface as exceptions (500/503); the one
// a user can cause — a unique key taken by a concurrent request — has its own kind so that
// actions can turn it into a clear message.
class DatabaseError : public std::runtime_error {
 public:
  enum class Kind { unique_violation, busy, other };
  DatabaseError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

 private:
  Kind kind_;
};

class Row {
 public:
  virtual ~Row() = default;
  virtual bool is_null(int column) const = 0;
  virtual int64_t i64(int column) const = 0;
  virtual std::string text(int column) const = 0;
  std::optional<int64_t> optional_i64(int column) const {
    return is_null(column) ? std::nullopt : std::optional<int64_t>(i64(column));
  }
};

class Connection {
 public:
  virtual ~Connection() = default;
  // Runs one statement (prepared once per connection and cached by its text), binding
  // `params` to its `?` placeholders in order, calling `on_row` for each result row.
  virtual void execute(std::string_view sql, const std::vector<SqlValue>& params,
                       const std::function<void(const Row&)>& on_row) = 0;
  // Runs a script of several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // Rows changed by the last INSERT, UPDATE or DELETE.
  virtual int64_t changes() = 0;
  virtual std::string_view engine() const = 0;

  // Conveniences over execute().
  void run(std::string_view sql, const std::vector<SqlValue>& params = {});
  template <class T>
  std::optional<T> first(std::string_view sql, const std::vector<SqlValue>& params,
                         const std::function<T(const Row&)>& map);
  template <class T>
  std::vector<T> all(std::string_view sql, const std::vector<SqlValue>& params,
                     const std::function<T(const Row&)>& map);
  std::optional<int64_t> first_i64(std::string_view sql, const std::vector<SqlValue>& params = {});
};

template <class T>
std::optional<T> Connection::first(std::string_view sql, const std::vector<SqlValue>& params,
                                   const std::function<T(const Row&)>& map) {
  std::optional<T> found;
  execute(sql, params, [&](const Row& row) {
    if (!found) found.emplace(map(row));
  });
  return found;
}

template <class T>
std::vector<T> Connection::all(std::string_view sql, const std::vector<SqlValue>& params,
                               const std::function<T(const Row&)>& map) {
  std::vector<T> rows;
  execute(sql, params, [&](const Row& row) { rows.push_back(map(row)); });
  return rows;
}

// An open database: one writer at a time, many concurrent readers.
class Database {
 public:
  virtual ~Database() = default;
  // Runs `body` in a write transaction (serialised with other writers). Commits when body
  // returns, rolls back when it throws; once this returns, the write is durable.
  virtual void write(const std::function<void(Connection&)>& body) = 0;
  // Runs `body` in a read transaction that sees one consistent snapshot.
  virtual void read(const std::function<void(Connection&)>& body) = 0;
  virtual std::string_view engine() const = 0;
  // Waits for running transactions, then closes every connection.
  virtual void close() = 0;
};

}  // namespace hearth
