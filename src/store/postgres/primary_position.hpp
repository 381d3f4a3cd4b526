#pragma once
// What one node knows of the primary's write-ahead log, which decides whether a read may go
// to the read replica: a read may use it only when the replica has replayed everything this
// node has written itself or has heard of from other nodes (their notifications carry the
// primary's WAL position after their commit). Everything this node has told a page cache or
// a live stream about is therefore visible to the reads that follow: a reply that woke a
// stream is never missing from the page the stream then loads. While the node is not
// listening to the other nodes (starting, reconnecting) it can't know what they wrote, and
// reads stay on the primary.
#include <atomic>
#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth::postgres {

// A WAL position as PostgreSQL prints it ("16/B374D848") as one number; nullopt otherwise.
std::optional<uint64_t> parse_lsn(std::string_view text);

// The primary's position that covers every commit that has returned, as SQL giving the text
// of an LSN. Hearth's connections never commit with synchronous_commit off (see
// PostgresConnection::connect), so a commit returns once its WAL is flushed and the flush
// position covers it. The insert position would too, but it also counts WAL that other
// sessions' open transactions have only buffered, which no replica can have yet: reads would
// stay off a replica that has everything this node wrote, until those transactions end.
inline constexpr std::string_view committed_position_sql = "pg_current_wal_flush_lsn()::text";

// When the last record ended exactly at a WAL page boundary, a WAL position read from the
// primary may point past the next page's header (24 bytes; 40 on a segment's first page),
// where no record can end, while a replica that has replayed everything reports the
// boundary itself. Without this, such a position (about
// one commit in a thousand) would keep reads off the replica until the next write. No
// record ends inside a page header, so the boundary is exactly as good a position.
uint64_t end_of_last_record(uint64_t insert_lsn, uint64_t wal_block_size, uint64_t wal_segment_size);

class PrimaryPosition {
 public:
  void raise(uint64_t lsn) {
    uint64_t seen = required_.load(std::memory_order_relaxed);
    while (seen < lsn && !required_.compare_exchange_weak(seen, lsn, std::memory_order_acq_rel)) {
    }
  }
  // Everything a read must see, as a WAL position.
  uint64_t required() const { return required_.load(std::memory_order_acquire); }
  void set_listening(bool listening) { listening_.store(listening, std::memory_order_release); }
  bool listening() const { return listening_.load(std::memory_order_acquire); }

 private:
  std::atomic<uint64_t> required_{0};
  std::atomic<bool> listening_{false};
};

}  // namespace hearth::postgres
