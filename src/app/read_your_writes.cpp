#include "app/read_your_writes.hpp"

#include "store/read_routing.hpp"

namespace hearth {

void add_read_your_writes(std::vector<Route>& routes) {
  for (Route& route : routes) {
    if (route.runs_inline) continue;  // assets, /healthz, /metrics: no member's data
    route.handler = [inner = std::move(route.handler)](Request& request) {
      const bool writes = request.method != Method::get && request.method != Method::head;
      const PrimaryReadsScope scope(writes || request.cookie(recent_write_cookie).has_value());
      Response response = inner(request);
      if (writes) {
        response.headers.emplace_back(
            "Set-Cookie", format_set_cookie(recent_write_cookie, "1",
                                            {.secure = request.secure, .max_age_seconds = recent_write_seconds}));
      }
      return response;
    };
  }
}

}  // namespace hearth
