#pragma once
// `hearth seed scale --posts N`: a large synthetic community for benchmarks (1M posts in
// minutes). It writes through the store modules in large transactions — the actions'
// one-transaction-per-post durability would take hours at this size — but produces the
// same rows, rendered HTML and search entries the actions would.
#include <cstdint>
#include <string>

#include "actions/environment.hpp"
#include "core/result.hpp"

namespace hearth {

struct ScaleReport {
  int64_t posts = 0;
  int64_t threads = 0;
  int64_t groups = 0;
  int64_t accounts = 0;
  std::string bench_thread_path;   // a public thread with exactly 50 replies: "/g/…/t/…"
  std::string bench_member_login;  // a member of every group, for member-view benchmarks
  std::string bench_member_password;
};

Result<ScaleReport> seed_scale(const ActionEnvironment& env, int64_t posts, uint64_t seed);

}  // namespace hearth
