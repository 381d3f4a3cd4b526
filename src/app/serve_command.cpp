// hearth serve: migrate, then serve HTTP until SIGINT/SIGTERM, then close the database.
#include <spdlog/spdlog.h>

#include <cstdio>

#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "app/commands.hpp"
#include "app/read_your_writes.hpp"
#include "app/wiring.hpp"
#include "http/server.hpp"
#include "store/read_routing.hpp"
#include "web/error_page.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

bool wants_json(const Request& request) { return request.path.rfind("/api/", 0) == 0; }

}  // namespace

int run_serve(const Config& config) {
  configure_logging(config);
  auto store = open_store(config);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  const SystemClock clock;
  const ActionEnvironment env = make_environment(config, **store, clock);
  // Other nodes on the same database hear of this node's changes and this node of theirs
  // (a no-op with one node): live streams and the guest page cache then work across nodes.
  env.changes->publish_to([&store = **store](const ChangeNotice& notice) { store.publish_change(notice); });
  (*store)->subscribe_changes([changes = env.changes](const std::vector<ChangeNotice>& notices) {
    for (const ChangeNotice& notice : notices) changes->apply_remote(notice);
  });

  std::vector<Route> routes = all_routes(env);
  if ((*store)->has_replica()) add_read_your_writes(routes);

  ServerOptions options;
  options.host = config.host();
  options.port = config.port();
  options.network_threads = config.threads;
  options.worker_threads = config.workers;
  options.body_limit = static_cast<std::size_t>(config.body_limit_bytes);
  options.trust_proxy = config.trust_proxy;
  options.client_key_secret = env.secret_key.substr(0, 32);

  const Handler page_not_found = not_found_page(env);
  Server server(
      options, std::move(routes),
      [&page_not_found](Request& request) {
        if (wants_json(request)) return json_error(404, "not_found", "There is no such API endpoint.");
        return page_not_found(request);
      },
      [](const Request& request, int status, std::string_view message) {
        if (wants_json(request)) {
          const char* code = status == 413 ? "too_large" : status == 405 ? "method_not_allowed"
                             : status >= 500 ? "internal" : "invalid_input";
          return json_error(status, code, message);
        }
        return render_error_page(request, status, message);
      },
      [&store] {
        try {
          // The primary: a node that reaches it serves everything, replica or not.
          const PrimaryReadsScope primary(true);
          return (*store)->read([](Connection& c) { return c.first_i64("SELECT 1").value_or(0) == 1; });
        } catch (const std::exception&) {
          return false;
        }
      });
  auto port = server.start();
  if (!port) {
    spdlog::error("{}", port.error().message);
    return 1;
  }
  const std::string host = options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  spdlog::info("listening on http://{}:{}", host, *port);
  spdlog::info("database {} ({})", Store::describe(config.database_location()), (*store)->engine());
  if ((*store)->has_replica()) spdlog::info("read replica {}", Store::describe(config.database_replica));
  server.run();
  spdlog::info("stopped accepting; closing the database");
  (*store)->close();
  spdlog::info("shut down cleanly");
  return 0;
}

std::vector<Route> all_routes(const ActionEnvironment& env) {
  std::vector<Route> routes = web_routes(env);
  for (auto& route : api_routes(env)) routes.push_back(std::move(route));
  return routes;
}

int run_routes(const Config& config) {
  auto store = open_store(config);
  if (!store) {
    std::fprintf(stderr, "hearth: %s\n", store.error().message.c_str());
    return 1;
  }
  const SystemClock clock;
  const ActionEnvironment env = make_environment(config, **store, clock);
  // One line per route: METHOD<TAB>PATTERN<TAB>NAME (the authorization matrix test reads it).
  for (const Route& route : all_routes(env)) {
    if (route.name == "web.asset") continue;
    std::printf("%s\t%s\t%s\n", method_name(route.method), route.pattern.c_str(), route.name.c_str());
  }
  (*store)->close();
  return 0;
}

int run_migrate(const Config& config) {
  configure_logging(config);
  auto store = open_store(config);
  if (!store) {
    spdlog::error("{}", store.error().message);
    return 1;
  }
  spdlog::info("database {} is migrated", Store::describe(config.database_location()));
  (*store)->close();
  return 0;
}

}  // namespace hearth
