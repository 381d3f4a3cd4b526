#include "core/clock.hpp"

#include <chrono>

namespace hearth {

UnixMillis SystemClock::now() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace hearth
