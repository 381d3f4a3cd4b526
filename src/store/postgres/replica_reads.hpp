#pragma once
// Read transactions on a streaming replica (database_replica), for the reads that may use
// it. A read goes to the replica only when all of these hold, and to the primary otherwise:
//  - the caller did not ask for the primary (PrimaryReadsScope: a request that writes, or
//    of a client that wrote a few seconds ago, so a member sees their own writes at once,
//    whichever node serves them);
//  - the node is listening to the other nodes and the replica has replayed everything
//    this node has written or heard of (PrimaryPosition): a node never reads older data
//    than it has already told a page cache or a live stream about;
//  - the replica answers, and a connection to it is free (a read never waits for one).
// A replica that can't be reached is left alone for 5 seconds at a time and logged once
// per outage; reads meanwhile go to the primary, so the node keeps serving (/healthz stays
// OK; /metrics shows hearth_db_replica_up and where reads went).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/database.hpp"
#include "store/postgres/postgres_connection.hpp"
#include "store/postgres/primary_position.hpp"

namespace hearth::postgres {

class ReplicaReads {
 public:
  ReplicaReads(std::string url, int connections, std::shared_ptr<PrimaryPosition> position);
  ~ReplicaReads();

  // Runs `body` in a read transaction (`begin_sql`) on the replica and returns true; or
  // returns false without having run it when the read should go to the primary.
  bool read(std::string_view begin_sql, const std::function<void(Connection&)>& body);
  void close();

 private:
  struct Slot {
    std::unique_ptr<PostgresConnection> connection;
  };
  Slot* checkout();
  void give_back(Slot* slot);
  bool fresh_enough(Slot& slot);
  void mark_down(Slot& slot, const std::string& why);

  const std::string url_;
  const std::shared_ptr<PrimaryPosition> position_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::vector<Slot*> idle_;
  std::chrono::steady_clock::time_point down_until_{};
  bool down_logged_ = false;
  bool closed_ = false;
  std::atomic<uint64_t> replayed_{0};  // the replica's replay position, as last seen
  // The cluster's WAL page and segment sizes (end_of_last_record), read with the replay
  // position; 0 until then, which only keeps reads on the primary a little longer.
  std::atomic<uint64_t> wal_block_size_{0};
  std::atomic<uint64_t> wal_segment_size_{0};
};

}  // namespace hearth::postgres
