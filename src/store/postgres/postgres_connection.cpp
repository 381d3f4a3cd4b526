#include "store/postgres/postgres_connection.hpp"

#include <libpq-fe.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "store/postgres/location.hpp"
#include "store/postgres/placeholders.hpp"

namespace hearth::postgres {
namespace {

constexpr Oid int8_type = 20;
constexpr Oid text_type = 25;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

DatabaseError::Kind kind_of(std::string_view sqlstate) {
  if (sqlstate == "23505") return DatabaseError::Kind::unique_violation;
  // Serialization failure, deadlock, lock not available (lock_timeout), a connection lost
  // or the server shutting down: worth trying again later.
  if (sqlstate == "40001" || sqlstate == "40P01" || sqlstate == "55P03" || sqlstate.substr(0, 2) == "08" ||
      sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
    return DatabaseError::Kind::busy;
  }
  return DatabaseError::Kind::other;
}

// Only the primary message and the SQLSTATE: the DETAIL line may quote the values of a row
// (a login name in a unique violation), and errors end up in logs.
[[noreturn]] void fail(PGconn* connection, const PGresult* result, std::string_view during) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary = result ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message(during.substr(0, 200));
  message += ": ";
  if (primary) {
    message += primary;
  } else {
    std::string text = PQerrorMessage(connection);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    message += text.empty() ? "the connection to PostgreSQL failed" : text;
  }
  std::string sqlstate = state ? state : "";
  if (sqlstate.empty() && PQstatus(connection) != CONNECTION_OK) sqlstate = "08006";
  if (!sqlstate.empty()) message += " (" + sqlstate + ")";
  throw DatabaseError(kind_of(sqlstate), message);
}

class ResultRow final : public Row {
 public:
  explicit ResultRow(const PGresult* result) : result_(result) {}
  void at(int row) { row_ = row; }

  bool is_null(int column) const override { return PQgetisnull(result_, row_, column) != 0; }

  // Integers come as text. Booleans ('t'/'f') read as 1/0 and a fractional value is cut
  // towards zero, as SQLite's sqlite3_column_int64 reads them; NULL reads as 0.
  int64_t i64(int column) const override {
    const char* value = PQgetvalue(result_, row_, column);
    const int length = PQgetlength(result_, row_, column);
    if (length == 0) return 0;
    if (length == 1 && (value[0] == 't' || value[0] == 'f')) return value[0] == 't' ? 1 : 0;
    int64_t number = 0;
    const auto [end, error] = std::from_chars(value, value + length, number);
    if (error == std::errc() && end == value + length) return number;
    char* double_end = nullptr;
    const double real = std::strtod(value, &double_end);
    if (double_end == value + length && std::isfinite(real)) return static_cast<int64_t>(real);
    throw DatabaseError(DatabaseError::Kind::other, "column " + std::to_string(column) + " is not a number");
  }

  std::string text(int column) const override {
    return std::string(PQgetvalue(result_, row_, column), static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  }

 private:
  const PGresult* result_;
  int row_ = 0;
};

bool changes_rows(const char* command_status) {
  for (const char* verb : {"INSERT", "UPDATE", "DELETE", "MERGE"}) {
    if (std::strncmp(command_status, verb, std::strlen(verb)) == 0) return true;
  }
  return false;
}

void ignore_notice(void*, const char*) {}

}  // namespace

PostgresConnection::PostgresConnection(std::string url) : url_(std::move(url)) {
  connect();
}

PostgresConnection::~PostgresConnection() {
  if (connection_) PQfinish(connection_);
}

void PostgresConnection::connect() {
  if (connection_) PQfinish(connection_);
  statements_.clear();
  connection_ = PQconnectdb(url_.c_str());
  if (PQstatus(connection_) != CONNECTION_OK) {
    std::string detail = PQerrorMessage(connection_);
    while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
    PQfinish(connection_);
    connection_ = nullptr;
    throw DatabaseError(DatabaseError::Kind::busy, "cannot connect to " + redacted(url_) + ": " + detail);
  }
  // NOTICEs ("relation already exists, skipping") would go to stderr.
  PQsetNoticeProcessor(connection_, ignore_notice, nullptr);
  // A writer waiting longer than this on another's lock gives up (busy) instead of hanging,
  // like SQLite's busy timeout; times are UTC like everything Hearth stores.
  execute_script("SET lock_timeout = '30s'; SET TIME ZONE 'UTC'; SET client_encoding = 'UTF8'");
  // An acknowledged write must survive a crash: a server whose default is synchronous_commit
  // = off still flushes Hearth's commits before they return ('local'; any stronger setting
  // the operator chose stays). The read replica's routing relies on it too: the flush
  // position then covers every commit that has returned (store/postgres/primary_position.hpp).
  execute_script(
      "SELECT set_config('synchronous_commit', 'local', false) WHERE current_setting('synchronous_commit') = 'off'");
}

void PostgresConnection::begin(std::string_view begin_sql) {
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) connect();
  try {
    execute_script(begin_sql);
  } catch (const DatabaseError&) {
    // Nothing has run yet, so trying again on a new connection is safe.
    if (PQstatus(connection_) == CONNECTION_OK) throw;
    connect();
    execute_script(begin_sql);
  }
}

const PostgresConnection::Prepared& PostgresConnection::prepare(std::string_view sql, const std::vector<Oid>& types) {
  auto& variants = statements_[std::string(sql)];
  for (const Prepared& p : variants) {
    bool fits = p.types.size() == types.size();
    for (std::size_t i = 0; fits && i < types.size(); ++i)
      fits = types[i] == 0 || p.types[i] == 0 || p.types[i] == types[i];
    if (fits) return p;
  }
  const NumberedSql numbered = number_placeholders(sql);
  Prepared prepared{"hearth_" + std::to_string(++next_statement_), types};
  ResultPtr result(
      PQprepare(connection_, prepared.name.c_str(), numbered.sql.c_str(), static_cast<int>(types.size()), types.data()),
      PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(connection_, result.get(), sql);
  variants.push_back(std::move(prepared));
  return variants.back();
}

void PostgresConnection::execute(std::string_view sql, const std::vector<SqlValue>& params,
                                 const std::function<void(const Row&)>& on_row) {
  std::vector<Oid> types(params.size(), 0);
  std::vector<std::string> numbers(params.size());
  std::vector<const char*> values(params.size(), nullptr);
  std::vector<int> lengths(params.size(), 0);
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (const auto* number = std::get_if<int64_t>(&params[i])) {
      types[i] = int8_type;
      numbers[i] = std::to_string(*number);
      values[i] = numbers[i].c_str();
      lengths[i] = static_cast<int>(numbers[i].size());
    } else if (const auto* text = std::get_if<std::string>(&params[i])) {
      types[i] = text_type;
      values[i] = text->c_str();
      lengths[i] = static_cast<int>(text->size());
    }
  }
  const Prepared& statement = prepare(sql, types);
  ResultPtr result(PQexecPrepared(connection_, statement.name.c_str(), static_cast<int>(params.size()), values.data(),
                                  lengths.data(), nullptr, 0),
                   PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(connection_, result.get(), sql);
  if (const char* command = PQcmdStatus(result.get()); changes_rows(command)) {
    changes_ = std::strtoll(PQcmdTuples(result.get()), nullptr, 10);
  }
  ResultRow row(result.get());
  const int rows = PQntuples(result.get());
  for (int i = 0; i < rows; ++i) {
    row.at(i);
    on_row(row);
  }
}

void PostgresConnection::execute_script(std::string_view sql) {
  const std::string text(sql);
  ResultPtr result(PQexec(connection_, text.c_str()), PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
    fail(connection_, result.get(), "script");
  }
}

void PostgresConnection::commit() {
  ResultPtr result(PQexec(connection_, "COMMIT"), PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) fail(connection_, result.get(), "COMMIT");
  // COMMIT of a transaction that had failed answers ROLLBACK instead of an error.
  if (std::strcmp(PQcmdStatus(result.get()), "COMMIT") != 0) {
    throw DatabaseError(DatabaseError::Kind::other, "COMMIT: the transaction was rolled back");
  }
}

void PostgresConnection::rollback() noexcept {
  if (!connection_ || PQstatus(connection_) != CONNECTION_OK) return;
  if (PQtransactionStatus(connection_) == PQTRANS_IDLE) return;
  PQclear(PQexec(connection_, "ROLLBACK"));
}

}  // namespace hearth::postgres
