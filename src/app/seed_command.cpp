// hearth seed demo: a demo member to log in with, so a fresh `make run` can be explored.
// Later issues add the demo groups and conversations here.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>

#include "actions/sessions.hpp"
#include "app/commands.hpp"
#include "app/wiring.hpp"
#include "store/accounts.hpp"

namespace hearth {

int run_seed(const Config& config, const std::vector<std::string>& arguments) {
  if (arguments.empty() || arguments[0] != "demo") {
    std::fprintf(stderr, "hearth: usage: hearth seed demo [--if-empty]\n");
    return 2;
  }
  const bool only_if_empty = std::find(arguments.begin(), arguments.end(), "--if-empty") != arguments.end();
  configure_logging(config);
  auto store = open_store(config);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  const SystemClock clock;
  ActionEnvironment env = make_environment(config, **store, clock);
  const bool empty = (*store)->read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM accounts").value_or(0) == 0; });
  if (only_if_empty && !empty) {
    spdlog::info("the database already has members; demo data not added");
    (*store)->close();
    return 0;
  }
  env.limits.signups_per_client_per_hour = 1'000'000;
  auto demo = do_sign_up(env, {"demo", "hearth-demo", "", "seed"});
  if (!demo) {
    spdlog::error("demo member not created: {}", demo.error().message);
    (*store)->close();
    return 1;
  }
  spdlog::info("demo member created: log in as \"demo\" with the password \"hearth-demo\"");
  (*store)->close();
  return 0;
}

}  // namespace hearth
