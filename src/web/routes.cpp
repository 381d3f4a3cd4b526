#include "web/routes.hpp"

#include "web/assets.hpp"

namespace hearth {

std::vector<Route> web_routes(const ActionEnvironment& env) {
  std::vector<Route> routes;
  add_asset_routes(routes);
  add_home_page(routes, env);
  add_signup_page(routes, env);
  add_login_page(routes, env);
  add_recover_page(routes, env);
  add_settings_page(routes, env);
  add_help_page(routes, env);
  return routes;
}

}  // namespace hearth
