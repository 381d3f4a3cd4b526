#include "store/sqlite/sqlite_database.hpp"

#include <chrono>
#include <mutex>

#include "store/reader_pool.hpp"
#include "store/sqlite/checkpointer.hpp"
#include "store/sqlite/group_commit.hpp"
#include "store/sqlite/sqlite_connection.hpp"

namespace hearth {
namespace {

class SqliteDatabase final : public Database {
 public:
  explicit SqliteDatabase(const SqliteOptions& options)
      : readers_(options.readers,
                 [&] { return std::make_unique<SqliteConnection>(options.path, options.busy_timeout_ms); }),
        writer_(std::make_unique<SqliteConnection>(options.path, options.busy_timeout_ms)),
        writes_(std::make_unique<GroupCommit>(
            *writer_, static_cast<std::size_t>(options.max_group_commit),
            [](std::size_t, auto started) { record_transaction_time("write", started); })) {
    if (options.checkpoint_frames > 0) {
      checkpointer_ =
          std::make_unique<Checkpointer>(*writer_, options.path, options.busy_timeout_ms, options.checkpoint_frames);
    }
  }

  // Refused (busy) once closed: writes_ outlives close() and says so.
  void write(const std::function<void(Connection&)>& body) override { writes_->write(body); }

  void read(const std::function<void(Connection&)>& body) override {
    readers_.with_reader([&](SqliteConnection& reader) {
      const auto started = std::chrono::steady_clock::now();
      reader.execute_script("BEGIN");
      try {
        body(reader);
        reader.execute_script("COMMIT");
      } catch (...) {
        try {
          reader.execute_script("ROLLBACK");
        } catch (...) {
        }
        throw;
      }
      record_transaction_time("read", started);
    });
  }

  std::string_view engine() const override { return "sqlite"; }

  void close() override {
    std::lock_guard lock(close_mutex_);
    if (!writer_) return;
    writes_->close();  // the running transaction finishes; later writes are refused
    readers_.close();
    if (checkpointer_) checkpointer_->stop();
    writer_->execute_script("PRAGMA wal_checkpoint(TRUNCATE);");
    checkpointer_.reset();
    writer_.reset();
  }

 private:
  std::mutex close_mutex_;
  ReaderPool<SqliteConnection> readers_;
  std::unique_ptr<SqliteConnection> writer_;
  std::unique_ptr<GroupCommit> writes_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const SqliteOptions& options) {
  return std::make_unique<SqliteDatabase>(options);
}

}  // namespace hearth
