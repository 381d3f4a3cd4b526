#pragma once
// Time comes from a Clock so that tests can move it (session expiry, rate-limit windows)
// without sleeping.
#include <atomic>
#include <cstdint>

namespace hearth {

// Milliseconds since the Unix epoch, UTC. All stored times use this unit.
using UnixMillis = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual UnixMillis now() const = 0;
};

class SystemClock final : public Clock {
 public:
  UnixMillis now() const override;
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(UnixMillis start) : now_(start) {}
  UnixMillis now() const override { return now_.load(); }
  void advance(UnixMillis by) { now_ += by; }
  void set(UnixMillis to) { now_ = to; }

 private:
  std::atomic<UnixMillis> now_;
};

}  // namespace hearth
