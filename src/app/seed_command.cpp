// hearth seed demo: the demo community (demo_content.cpp), so a fresh `make run` shows a
// living site; the "demo" login can be used to explore it as a member.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "app/commands.hpp"
#include "app/demo_community.hpp"
#include "app/scale_seed.hpp"
#include "app/wiring.hpp"
#include "store/accounts.hpp"

namespace hearth {

namespace {

int run_scale(const Config& config, const std::map<std::string, std::string>& options) {
  int64_t posts = 0;
  uint64_t seed = 1;
  try {
    posts = std::stoll(options.count("--posts") ? options.at("--posts") : "0");
    if (options.count("--seed")) seed = std::stoull(options.at("--seed"));
  } catch (const std::exception&) {
    std::fprintf(stderr, "hearth: --posts and --seed take whole numbers\n");
    return 2;
  }
  configure_logging(config);
  auto store = open_store(config);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  const SystemClock clock;
  const ActionEnvironment env = make_environment(config, **store, clock);
  auto report = seed_scale(env, posts, seed);
  tell_running_nodes(**store);
  (*store)->close();
  if (!report) {
    spdlog::error("{}", report.error().message);
    return 2;
  }
  spdlog::info("seed scale: {} posts in {} threads, {} groups, {} accounts", report->posts, report->threads,
               report->groups, report->accounts);
  // Machine-readable lines for bench/.
  std::printf("bench_thread=%s\nbench_member=%s\nbench_password=%s\n", report->bench_thread_path.c_str(),
              report->bench_member_login.c_str(), report->bench_member_password.c_str());
  return 0;
}

}  // namespace

int run_seed(const Config& config, const std::vector<std::string>& arguments,
             const std::map<std::string, std::string>& options) {
  if (!arguments.empty() && arguments[0] == "scale") return run_scale(config, options);
  if (arguments.empty() || arguments[0] != "demo") {
    std::fprintf(stderr, "hearth: usage: hearth seed demo [--if-empty] | hearth seed scale --posts N [--seed S]\n");
    return 2;
  }
  const bool only_if_empty = std::find(arguments.begin(), arguments.end(), "--if-empty") != arguments.end();
  configure_logging(config);
  auto store = open_store(config);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  // The demo's conversations start three days ago (see seed_demo_community).
  FakeClock clock(SystemClock().now() - int64_t{3} * 24 * 3600 * 1000);
  ActionEnvironment env = make_environment(config, **store, clock);
  const bool empty = (*store)->read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM accounts").value_or(0) == 0; });
  if (only_if_empty && !empty) {
    spdlog::info("the database already has members; demo data not added");
    (*store)->close();
    return 0;
  }
  env.limits.signups_per_client_per_hour = 1'000'000;
  const Status seeded = seed_demo_community(env, clock);
  tell_running_nodes(**store);  // each action committed on its own: even a failed seed wrote some
  if (!seeded) {
    spdlog::error("the demo community could not be created: {}", seeded.error().message);
    (*store)->close();
    return 1;
  }
  spdlog::info("demo community created: log in as \"demo\" with the password \"hearth-demo\"");
  (*store)->close();
  return 0;
}

}  // namespace hearth
