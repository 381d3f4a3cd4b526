#include "web/assets.hpp"

#include <stdexcept>
#include <string>

namespace hearth {

std::string_view asset_url(std::string_view name) {
  for (const Asset& asset : embedded_assets()) {
    if (asset.name == name) return asset.url;
  }
  throw std::logic_error("unknown asset " + std::string(name));
}

void add_asset_routes(std::vector<Route>& routes) {
  for (const Asset& asset : embedded_assets()) {
    Route route{Method::get, std::string(asset.url),
                [&asset](Request&) {
                  Response response;
                  response.content_type = std::string(asset.content_type);
                  // The server decompresses for the rare client that does not accept gzip.
                  response.body.assign(asset.gzip);
                  response.body_is_gzip = true;
                  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
                  return response;
                },
                "web.asset", true};
    routes.push_back(std::move(route));
  }
}

}  // namespace hearth
