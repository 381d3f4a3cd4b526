// GET/PATCH /api/v1/me and PUT /api/v1/me/password: the member's own account.
#include <boost/json.hpp>

#include "actions/account_settings.hpp"
#include "api/endpoint.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"
#include "policy/csrf.hpp"
#include "store/recovery_codes.hpp"

namespace hearth {
namespace {

Response me_json(const ActionEnvironment& env, const ApiCall& call, const Account& account) {
  const int64_t codes_left = env.store.read([&](Connection& c) { return recovery_codes::count_unused(c, account.id); });
  boost::json::object me{{"id", std::to_string(account.id)},
                         {"login", account.login_name},
                         {"time_zone", account.time_zone},
                         {"region", account.region},
                         {"language", account.language},
                         {"created_at", format_rfc3339(account.created_at)},
                         {"recovery_codes_left", codes_left}};
  if (call.via_cookie) me["csrf_token"] = csrf_token_for_session(env.secret_key, call.viewer->credential_hash);
  return json_response(200, me);
}

Response update_me(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const Account& current = call.viewer->account;
  auto time_zone = string_field(*body, "time_zone", 64, false, current.time_zone);
  if (!time_zone) return json_error(time_zone.error());
  auto region = string_field(*body, "region", 8, false, current.region);
  if (!region) return json_error(region.error());
  auto language = string_field(*body, "language", 16, false, current.language);
  if (!language) return json_error(language.error());
  auto updated = do_update_preferences(env, current.id, {*time_zone, *region, *language});
  if (!updated) return json_error(updated.error());
  return me_json(env, call, *updated);
}

Response change_password(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto current = string_field(*body, "current_password", 1024, true);
  if (!current) return json_error(current.error());
  auto next = string_field(*body, "new_password", 1024, true);
  if (!next) return json_error(next.error());
  const std::string keep = call.viewer->via_access_token ? std::string() : call.viewer->credential_hash;
  if (auto ok = do_change_password(env, call.viewer->account.id, *current, *next, keep); !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

}  // namespace

void add_me_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/api/v1/me",
                    api_endpoint(env, Access::member,
                                 [&env](ApiCall& c) { return me_json(env, c, c.viewer->account); }),
                    "api.me.get"});
  routes.push_back({Method::patch, "/api/v1/me",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return update_me(env, c); }),
                    "api.me.update"});
  routes.push_back({Method::put, "/api/v1/me/password",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return change_password(env, c); }),
                    "api.me.password"});
}

}  // namespace hearth
