#include "store/reader_pool.hpp"

#include "core/metrics.hpp"

namespace hearth {

void record_transaction_time(const char* kind, std::chrono::steady_clock::time_point started) {
  const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
  Metrics::global().observe("hearth_db_transaction_seconds", {{"kind", kind}}, elapsed.count());
}

}  // namespace hearth
