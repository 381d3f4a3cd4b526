#include "store/rate_limits.hpp"

namespace hearth::rate_limits {

Window hit(Connection& c, const std::string& bucket, UnixMillis now, int64_t window_ms) {
  const UnixMillis expired_before = now - window_ms;
  c.run(
      "INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1)"
      " ON CONFLICT (bucket) DO UPDATE SET"
      " hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END,"
      " window_start = CASE WHEN rate_limits.window_start <= ? THEN ? ELSE rate_limits.window_start END",
      {bucket, now, expired_before, expired_before, now});
  return peek(c, bucket, now, window_ms);
}

Window peek(Connection& c, const std::string& bucket, UnixMillis now, int64_t window_ms) {
  Window window;
  c.execute("SELECT window_start, hits FROM rate_limits WHERE bucket = ?", {bucket}, [&](const Row& r) {
    if (r.i64(0) > now - window_ms) window = Window{r.i64(1), r.i64(0) + window_ms};
  });
  return window;
}

void clear(Connection& c, const std::string& bucket) { c.run("DELETE FROM rate_limits WHERE bucket = ?", {bucket}); }

void prune(Connection& c, UnixMillis now, int64_t max_window_ms) {
  c.run("DELETE FROM rate_limits WHERE window_start < ?", {now - max_window_ms});
}

}  // namespace hearth::rate_limits
