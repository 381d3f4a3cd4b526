// GET /api/v1/support-services?region=XX: the regional directory; no login needed.
#include <boost/json.hpp>

#include "api/endpoint.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "domain/country.hpp"
#include "store/support_services.hpp"

namespace hearth {
namespace {

Response list(const ActionEnvironment& env, ApiCall& call) {
  std::string region = call.request.query_value("region").value_or(call.viewer ? call.viewer->account.region : "");
  const Country* country = region.empty() ? nullptr : find_country(region);
  if (!region.empty() && !country) {
    return json_error(make_error(ErrorCode::invalid_input, "Unknown region: use a two-letter country code such as GB.", "region"));
  }
  boost::json::array services;
  if (country) {
    const auto found = env.store.read([&](Connection& c) { return support_services::for_region(c, std::string(country->code)); });
    for (const auto& s : found) {
      services.push_back({{"name", s.name}, {"description", s.description}, {"phone", s.phone},
                          {"text", s.text_number}, {"website", s.website}, {"hours", s.hours},
                          {"crisis", s.crisis}});
    }
  }
  return json_response(200, {{"region", country ? std::string(country->code) : ""},
                             {"region_name", country ? std::string(country->name) : ""},
                             {"emergency_number", country ? std::string(country->emergency_number) : ""},
                             {"services", services}});
}

}  // namespace

void add_support_service_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/api/v1/support-services",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return list(env, c); }),
                    "api.support_services"});
}

}  // namespace hearth
