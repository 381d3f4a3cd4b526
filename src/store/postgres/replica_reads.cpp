#include "store/postgres/replica_reads.hpp"

#include <spdlog/spdlog.h>

#include "core/metrics.hpp"
#include "store/postgres/location.hpp"

namespace hearth::postgres {
namespace {

constexpr std::chrono::seconds retry_after{5};
constexpr std::string_view up_metric = "hearth_db_replica_up";
constexpr std::string_view passed_metric = "hearth_db_replica_passed_total";
constexpr std::string_view behind_metric = "hearth_db_replica_behind_bytes";

// Why a read that could have used the replica went to the primary (for operators: a replica
// that is up but never used shows here why).
void passed(std::string_view why) {
  Metrics::global().count(passed_metric, {{"why", std::string(why)}});
}

}  // namespace

ReplicaReads::ReplicaReads(std::string url, int connections, std::shared_ptr<PrimaryPosition> position)
    : url_(std::move(url)), position_(std::move(position)) {
  for (int i = 0; i < std::max(1, connections); ++i) {
    slots_.push_back(std::make_unique<Slot>());
    idle_.push_back(slots_.back().get());
  }
  Metrics::global().describe(up_metric, MetricType::gauge,
                             "1 while the read replica answers, 0 while reads fall back to the primary");
  Metrics::global().set(up_metric, Labels{}, 1);
  Metrics::global().describe(passed_metric, MetricType::counter,
                             "Reads that went to the primary although a replica is configured, by why");
  Metrics::global().describe(behind_metric, MetricType::gauge,
                             "How far the replica's replay was behind what this node's reads need, when last asked");
}

ReplicaReads::~ReplicaReads() {
  close();
}

bool ReplicaReads::read(std::string_view begin_sql, const std::function<void(Connection&)>& body) {
  if (!position_->listening()) {
    passed("not_listening");
    return false;
  }
  Slot* slot = checkout();
  if (!slot) {
    passed("no_connection");
    return false;
  }
  struct Return {
    ReplicaReads* self;
    Slot* slot;
    ~Return() { self->give_back(slot); }
  } give_back{this, slot};
  if (!fresh_enough(*slot)) {
    passed("behind");
    return false;
  }
  try {
    slot->connection->begin(begin_sql);
  } catch (const DatabaseError& e) {
    mark_down(*slot, e.what());  // nothing has run yet: the primary can take it
    return false;
  }
  try {
    body(*slot->connection);
    slot->connection->commit();
  } catch (...) {
    slot->connection->rollback();
    throw;
  }
  return true;
}

ReplicaReads::Slot* ReplicaReads::checkout() {
  std::lock_guard lock(mutex_);
  if (closed_ || idle_.empty() || std::chrono::steady_clock::now() < down_until_) return nullptr;
  Slot* slot = idle_.back();
  idle_.pop_back();
  return slot;
}

void ReplicaReads::give_back(Slot* slot) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(slot);
  }
  returned_.notify_all();
}

// The replica's replay position only grows, so one seen far enough answers without asking;
// asking happens outside any transaction, before the snapshot is taken, so the snapshot
// holds at least what was replayed then.
bool ReplicaReads::fresh_enough(Slot& slot) {
  const auto needed = [&] {
    return end_of_last_record(position_->required(), wal_block_size_.load(std::memory_order_acquire),
                              wal_segment_size_.load(std::memory_order_acquire));
  };
  if (replayed_.load(std::memory_order_acquire) >= needed()) {
    if (!slot.connection) {
      try {
        slot.connection = std::make_unique<PostgresConnection>(url_);
      } catch (const DatabaseError& e) {
        mark_down(slot, e.what());
        return false;
      }
    }
    return true;
  }
  try {
    if (!slot.connection) slot.connection = std::make_unique<PostgresConnection>(url_);
    std::string text;
    slot.connection->execute(
        "SELECT pg_last_wal_replay_lsn()::text, current_setting('wal_block_size')::bigint, "
        "pg_size_bytes(current_setting('wal_segment_size'))",
        {}, [&](const Row& row) {
          text = row.is_null(0) ? "" : row.text(0);
          wal_block_size_.store(static_cast<uint64_t>(row.i64(1)), std::memory_order_release);
          wal_segment_size_.store(static_cast<uint64_t>(row.i64(2)), std::memory_order_release);
        });
    const auto replayed = parse_lsn(text);
    if (!replayed) {
      mark_down(slot, "it is not a standby server (pg_last_wal_replay_lsn() is NULL)");
      return false;
    }
    uint64_t seen = replayed_.load(std::memory_order_relaxed);
    while (seen < *replayed && !replayed_.compare_exchange_weak(seen, *replayed, std::memory_order_acq_rel)) {
    }
  } catch (const DatabaseError& e) {
    mark_down(slot, e.what());
    return false;
  }
  {
    std::lock_guard lock(mutex_);
    if (down_logged_) spdlog::info("the read replica answers again; reading from it");
    down_logged_ = false;
  }
  Metrics::global().set(up_metric, Labels{}, 1);
  const uint64_t now_replayed = replayed_.load(std::memory_order_acquire);
  const uint64_t wanted = needed();
  Metrics::global().set(behind_metric, Labels{}, now_replayed >= wanted ? 0.0 : double(wanted - now_replayed));
  return now_replayed >= wanted;
}

void ReplicaReads::mark_down(Slot& slot, const std::string& why) {
  slot.connection.reset();
  replayed_.store(0, std::memory_order_release);  // a restarted replica is asked again
  std::lock_guard lock(mutex_);
  down_until_ = std::chrono::steady_clock::now() + retry_after;
  if (!down_logged_) {
    spdlog::warn("the read replica {} can't be used ({}); reading from the primary", redacted(url_), why);
    down_logged_ = true;
  }
  Metrics::global().set(up_metric, Labels{}, 0);
}

void ReplicaReads::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  returned_.wait(lock, [&] { return idle_.size() == slots_.size(); });
  for (auto& slot : slots_) slot->connection.reset();
}

}  // namespace hearth::postgres
