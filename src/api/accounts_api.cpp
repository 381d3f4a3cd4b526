// POST /api/v1/accounts (sign up) and POST /api/v1/recovery (use a recovery code).
#include <boost/json.hpp>

#include "actions/account_settings.hpp"
#include "actions/sessions.hpp"
#include "api/endpoint.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"

namespace hearth {
namespace {

Response sign_up(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto login = string_field(*body, "login", 256, true);
  if (!login) return json_error(login.error());
  auto password = string_field(*body, "password", 1024, true);
  if (!password) return json_error(password.error());
  auto email = string_field(*body, "recovery_email", 1024, false);
  if (!email) return json_error(email.error());
  auto outcome = do_sign_up(env, {*login, *password, *email, call.request.client_key});
  if (!outcome) return json_error(outcome.error());
  boost::json::array codes;
  for (const auto& code : outcome->recovery_codes) codes.emplace_back(code);
  return json_response(201, {{"account", {{"id", std::to_string(outcome->account_id)}}}, {"recovery_codes", codes}});
}

Response recover(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto login = string_field(*body, "login", 256, true);
  if (!login) return json_error(login.error());
  auto code = string_field(*body, "code", 64, true);
  if (!code) return json_error(code.error());
  auto password = string_field(*body, "new_password", 1024, true);
  if (!password) return json_error(password.error());
  if (auto ok = do_recover_account(env, *login, *code, *password, call.request.client_key); !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

}  // namespace

void add_account_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::post, "/api/v1/accounts",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return sign_up(env, c); }),
                    "api.accounts.create"});
  routes.push_back({Method::post, "/api/v1/recovery",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return recover(env, c); }),
                    "api.recovery"});
}

}  // namespace hearth
