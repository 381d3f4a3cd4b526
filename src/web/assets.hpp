#pragma once
// Static assets (assets/*) embedded in the binary by scripts/embed_assets.py under
// content-hashed URLs, each with a gzip copy made at build time.
#include <string_view>
#include <vector>

#include "core/http_message.hpp"

namespace hearth {

struct Asset {
  std::string_view name;          // "hearth.css"
  std::string_view url;           // "/assets/hearth.3f9c2a1b7d4e.css"
  std::string_view content_type;
  std::string_view data;
  std::string_view gzip;
};

const std::vector<Asset>& embedded_assets();
// The hashed URL of an asset by file name; throws for an unknown name (a programming error).
std::string_view asset_url(std::string_view name);
// GET routes for every asset: immutable, cached for a year, gzip sent when accepted.
void add_asset_routes(std::vector<Route>& routes);

}  // namespace hearth
