#pragma once
// The HTML pages. One file per page under web/pages/.
#include <vector>

#include "actions/environment.hpp"
#include "core/http_message.hpp"

namespace hearth {

std::vector<Route> web_routes(const ActionEnvironment& env);

void add_home_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_signup_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_login_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_recover_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_settings_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_help_page(std::vector<Route>& routes, const ActionEnvironment& env);

}  // namespace hearth
