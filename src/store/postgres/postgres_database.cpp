#include "store/postgres/postgres_database.hpp"

#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

#include "core/metrics.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/postgres/replica_reads.hpp"
#include "store/read_routing.hpp"
#include "store/reader_pool.hpp"

namespace hearth {
namespace {

using postgres::PostgresConnection;

// The key of the advisory lock every write transaction holds ("Hearth" in ASCII). Advisory
// locks belong to one database, so communities in other databases never wait on it.
constexpr std::string_view begin_write =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(79600447942760)";
constexpr std::string_view begin_read = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";

class PostgresDatabase final : public Database {
 public:
  explicit PostgresDatabase(const PostgresOptions& options)
      : position_(options.position),
        readers_(options.readers, [&] { return std::make_unique<PostgresConnection>(options.url); }) {
    writer_ = std::make_unique<PostgresConnection>(options.url);
    if (!options.replica_url.empty()) {
      if (!position_) position_ = std::make_shared<postgres::PrimaryPosition>();
      replica_ = std::make_unique<postgres::ReplicaReads>(options.replica_url, options.readers, position_);
      Metrics::global().describe("hearth_db_reads_total", MetricType::counter,
                                 "Read transactions by the server that ran them (primary or replica)");
    }
  }

  // One writer connection per node is enough: the advisory lock runs writes one at a time.
  void write(const std::function<void(Connection&)>& body) override {
    std::lock_guard lock(write_mutex_);
    if (!writer_) throw DatabaseError(DatabaseError::Kind::busy, "the database is closed");
    const auto started = std::chrono::steady_clock::now();
    run_transaction(*writer_, begin_write, body);
    if (replica_) note_position();
    record_transaction_time("write", started);
  }

  void read(const std::function<void(Connection&)>& body) override {
    if (replica_ && position_known_ && !PrimaryReadsScope::active()) {
      const auto started = std::chrono::steady_clock::now();
      if (replica_->read(begin_read, body)) {
        record_transaction_time("read", started);
        Metrics::global().count("hearth_db_reads_total", {{"server", "replica"}});
        return;
      }
    }
    if (replica_ && !position_known_)
      Metrics::global().count("hearth_db_replica_passed_total", {{"why", "position_unknown"}});
    if (replica_) Metrics::global().count("hearth_db_reads_total", {{"server", "primary"}});
    readers_.with_reader([&](PostgresConnection& reader) {
      const auto started = std::chrono::steady_clock::now();
      run_transaction(reader, begin_read, body);
      record_transaction_time("read", started);
    });
  }

  std::string_view engine() const override { return "postgres"; }

  void close() override {
    if (replica_) replica_->close();
    std::lock_guard write_lock(write_mutex_);
    readers_.close();
    writer_.reset();
  }

 private:
  static void run_transaction(PostgresConnection& connection, std::string_view begin,
                              const std::function<void(Connection&)>& body) {
    try {
      connection.begin(begin);
      body(connection);
      connection.commit();
    } catch (...) {
      connection.rollback();
      throw;
    }
  }

  // After a commit, the primary's position covers it: reads of this node wait for the
  // replica to replay that far (the commit is durable already, so a failure here only
  // sends reads to the primary until the next write).
  void note_position() {
    try {
      bool known = false;
      writer_->execute(std::string("SELECT ") + std::string(postgres::committed_position_sql), {}, [&](const Row& row) {
        if (const auto lsn = postgres::parse_lsn(row.text(0))) {
          position_->raise(*lsn);
          known = true;
        }
      });
      position_known_ = known;
    } catch (const DatabaseError&) {
      position_known_ = false;
    }
  }

  std::shared_ptr<postgres::PrimaryPosition> position_;
  std::unique_ptr<postgres::ReplicaReads> replica_;
  std::atomic<bool> position_known_{true};  // false after a commit whose position is unknown
  std::mutex write_mutex_;
  std::unique_ptr<PostgresConnection> writer_;
  ReaderPool<PostgresConnection> readers_;
};

}  // namespace

std::unique_ptr<Database> open_postgres(const PostgresOptions& options) {
  return std::make_unique<PostgresDatabase>(options);
}

namespace postgres {
void run_outside_transaction(const std::string& url, const std::string& sql) {
  PostgresConnection connection(url);
  connection.execute_script(sql);
}
}  // namespace postgres

}  // namespace hearth
