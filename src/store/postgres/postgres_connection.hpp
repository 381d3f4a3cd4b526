#pragma once
// One libpq connection as a store Connection: statements prepared once per connection and
// cached by their text, `?` placeholders numbered for PostgreSQL, parameters sent as text
// with their types (int8, text; a NULL takes the type the server infers), results read
// as text. Errors become DatabaseError kinds: 23505 unique_violation; serialization
// failures, deadlocks, lock timeouts and lost connections busy; everything else other.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "store/database.hpp"

struct pg_conn;

namespace hearth::postgres {

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(std::string url);
  ~PostgresConnection() override;
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  void execute(std::string_view sql, const std::vector<SqlValue>& params,
               const std::function<void(const Row&)>& on_row) override;
  void execute_script(std::string_view sql) override;
  int64_t changes() override { return changes_; }
  std::string_view engine() const override { return "postgres"; }

  // Starts a transaction with `begin_sql`. When the server has closed the connection since
  // its last use (a restart, a failover, an idle timeout), reconnects once, forgetting the
  // statements prepared on the old connection; throws DatabaseError (busy) when it can't.
  void begin(std::string_view begin_sql);
  // Ends the transaction with COMMIT; throws when the server rolled it back instead.
  void commit();
  // Rolls back whatever is open, ignoring errors (the connection may be gone).
  void rollback() noexcept;

 private:
  struct Prepared {
    std::string name;
    std::vector<unsigned int> types;  // the parameter types it was prepared with; 0: inferred
  };
  const Prepared& prepare(std::string_view sql, const std::vector<unsigned int>& types);
  void connect();

  std::string url_;
  pg_conn* connection_ = nullptr;
  std::unordered_map<std::string, std::vector<Prepared>> statements_;
  int next_statement_ = 0;
  int64_t changes_ = 0;
};

}  // namespace hearth::postgres
