// Personal access tokens: POST/GET /api/v1/tokens, DELETE /api/v1/tokens/{id}.
#include <boost/json.hpp>

#include <charconv>

#include "actions/account_settings.hpp"
#include "api/endpoint.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"
#include "store/access_tokens.hpp"

namespace hearth {
namespace {

Response create(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto name = string_field(*body, "name", 1024, true);
  if (!name) return json_error(name.error());
  auto token = do_create_access_token(env, call.viewer->account.id, *name);
  if (!token) return json_error(token.error());
  return json_response(201, {{"id", std::to_string(token->id)},
                             {"name", token->name},
                             {"token", token->token},
                             {"created_at", format_rfc3339(token->created_at)}});
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  const auto tokens = env.store.read([&](Connection& c) { return access_tokens::list_for(c, call.viewer->account.id); });
  boost::json::array items;
  for (const auto& t : tokens) {
    items.push_back({{"id", std::to_string(t.id)},
                     {"name", t.name},
                     {"created_at", format_rfc3339(t.created_at)},
                     {"last_used_at", t.last_used_at ? boost::json::value(format_rfc3339(*t.last_used_at)) : nullptr}});
  }
  return json_response(200, {{"tokens", items}});
}

Response revoke(const ActionEnvironment& env, ApiCall& call) {
  const std::string id_text = call.request.param("id").value_or("");
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size()) {
    return json_error(make_error(ErrorCode::not_found, "There is no such access token."));
  }
  if (auto ok = do_revoke_access_token(env, call.viewer->account.id, id); !ok) return json_error(ok.error());
  return no_content();
}

}  // namespace

void add_token_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::post, "/api/v1/tokens",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return create(env, c); }),
                    "api.tokens.create"});
  routes.push_back({Method::get, "/api/v1/tokens",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return list(env, c); }),
                    "api.tokens.list"});
  routes.push_back({Method::delete_, "/api/v1/tokens/{id}",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return revoke(env, c); }),
                    "api.tokens.delete"});
}

}  // namespace hearth
