#pragma once
// Routes every Hearth server answers itself, whatever web/ and api/ register.
#include <functional>
#include <vector>

#include "core/http_message.hpp"

namespace hearth {

// GET /healthz: 200 "ok" while health_probe() holds (or when there is no probe), else 503,
// for load balancers. GET /metrics: Metrics::global() in the Prometheus text format.
// Both are cheap and run inline on the network thread.
std::vector<Route> builtin_routes(std::function<bool()> health_probe);

}  // namespace hearth
