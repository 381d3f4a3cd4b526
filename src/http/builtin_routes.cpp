#include "http/builtin_routes.hpp"

#include "core/metrics.hpp"

namespace hearth {

std::vector<Route> builtin_routes(std::function<bool()> health_probe) {
  std::vector<Route> routes;
  routes.push_back(Route{Method::get, "/healthz",
                         [probe = std::move(health_probe)](Request&) {
                           Response response;
                           bool healthy = !probe || probe();
                           response.status = healthy ? 200 : 503;
                           response.content_type = "text/plain; charset=utf-8";
                           response.body = healthy ? "ok" : "unavailable";
                           response.set_header("Cache-Control", "no-store");
                           return response;
                         },
                         // Not inline: the probe asks the database, which may wait.
                         "healthz", false});
  routes.push_back(Route{Method::get, "/metrics",
                         [](Request&) {
                           Response response;
                           response.content_type = "text/plain; version=0.0.4; charset=utf-8";
                           response.body = Metrics::global().render_prometheus();
                           response.set_header("Cache-Control", "no-store");
                           return response;
                         },
                         "metrics", true});
  return routes;
}

}  // namespace hearth
