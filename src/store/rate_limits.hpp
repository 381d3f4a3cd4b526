#pragma once
// Fixed-window rate-limit counters kept in the database, so every node of a cluster counts
// the same attempts. Buckets are opaque keyed hashes.
#include <string>

#include "core/clock.hpp"
#include "store/database.hpp"

namespace hearth::rate_limits {

struct Window {
  int64_t hits = 0;
  UnixMillis resets_at = 0;
};

// Counts one hit in the bucket's current window and returns the window after it.
Window hit(Connection& c, const std::string& bucket, UnixMillis now, int64_t window_ms);
// The bucket's current window without counting a hit.
Window peek(Connection& c, const std::string& bucket, UnixMillis now, int64_t window_ms);
void clear(Connection& c, const std::string& bucket);
// Drops windows that ended before `now - max_window_ms`.
void prune(Connection& c, UnixMillis now, int64_t max_window_ms);

}  // namespace hearth::rate_limits
