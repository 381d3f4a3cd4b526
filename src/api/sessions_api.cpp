// POST /api/v1/sessions (log in), DELETE /api/v1/sessions/current, DELETE /api/v1/sessions.
#include <boost/json.hpp>

#include "actions/sessions.hpp"
#include "api/endpoint.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response log_in(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto login = string_field(*body, "login", 256, true);
  if (!login) return json_error(login.error());
  auto password = string_field(*body, "password", 1024, true);
  if (!password) return json_error(password.error());
  auto session = do_log_in(env, *login, *password, call.request.client_key);
  if (!session) return json_error(session.error());
  Response response =
      json_response(201, {{"token", session->token}, {"expires_at", format_rfc3339(session->expires_at)}});
  response.headers.emplace_back("Set-Cookie", session_cookie(session->token, env.session_lifetime_ms / 1000,
                                                             call.request.secure));
  return response;
}

Response log_out_current(const ActionEnvironment& env, ApiCall& call) {
  if (call.viewer->via_access_token) {
    return json_error(400, "invalid_input",
                      "This request used a personal access token, not a session. Revoke tokens with DELETE /api/v1/tokens/{id}.");
  }
  do_end_session(env, call.viewer->credential_hash);
  Response response = no_content();
  response.headers.emplace_back("Set-Cookie", session_cookie("", 0, call.request.secure));
  return response;
}

Response log_out_everywhere(const ActionEnvironment& env, ApiCall& call) {
  do_log_out_everywhere(env, call.viewer->account.id);
  Response response = no_content();
  response.headers.emplace_back("Set-Cookie", session_cookie("", 0, call.request.secure));
  return response;
}

}  // namespace

void add_session_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::post, "/api/v1/sessions",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return log_in(env, c); }),
                    "api.sessions.create"});
  routes.push_back({Method::delete_, "/api/v1/sessions/current",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return log_out_current(env, c); }),
                    "api.sessions.delete_current"});
  routes.push_back({Method::delete_, "/api/v1/sessions",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return log_out_everywhere(env, c); }),
                    "api.sessions.delete_all"});
}

}  // namespace hearth
