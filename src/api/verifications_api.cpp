// Verified members (docs/api.md, "Verified members"):
//   GET    /api/v1/me/verification                 your own verification, if any
//   PUT    /api/v1/me/personas/{id}/badge          show your verified badge with one of your pseudonyms
//   DELETE /api/v1/me/personas/{id}/badge          hide it again (the default)
//   GET    /api/v1/admin/verifications             platform admins: every verification
//   POST   /api/v1/admin/verifications             platform admins: {"login", "kind", "profession", "jurisdiction"}
//   POST   /api/v1/admin/verifications/revoke      platform admins: {"login"}
// Pages and answers about groups show a badge's words only; no verification id exists.
#include <boost/json.hpp>

#include "actions/verification.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

boost::json::object verification_json(const verifications::Verification& v) {
  return {{"kind", verification_kind_name(v.kind)},
          {"badge", badge_label(v.badge())},
          {"profession", v.profession},
          {"jurisdiction", v.jurisdiction},
          {"verified_at", format_rfc3339(v.verified_at)},
          {"active", v.active()},
          {"revoked_at", v.revoked_at ? boost::json::value(format_rfc3339(*v.revoked_at)) : nullptr}};
}

Response my_verification(const ActionEnvironment& env, ApiCall& call) {
  const auto own = read_own_verification(env, call.viewer->account.id);
  return json_response(200, {{"verification", own ? boost::json::value(verification_json(*own)) : nullptr}});
}

Response set_badge(const ActionEnvironment& env, ApiCall& call, bool shown) {
  const auto id = path_id(call, "id");
  const Status done = do_set_badge_shown(env, call.viewer->account.id, id.value_or(0), shown);
  if (!done) return json_error(done.error());
  return no_content();
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  const auto listed = read_verifications(env, call.viewer->account.id);
  if (!listed) return json_error(listed.error());
  boost::json::array items;
  for (const auto& row : *listed) {
    boost::json::object json = verification_json(row.verification);
    json["login"] = row.login_name;
    items.push_back(std::move(json));
  }
  return json_response(200, {{"verifications", std::move(items)}});
}

Response verify(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto login = string_field(*body, "login", 100, true);
  if (!login) return json_error(login.error());
  auto kind_text = string_field(*body, "kind", 40, true);
  if (!kind_text) return json_error(kind_text.error());
  const auto kind = parse_verification_kind(*kind_text);
  if (!kind) {
    return json_error(make_error(ErrorCode::invalid_input,
                                 "\"kind\" must be \"health_professional\" or \"peer_volunteer\".", "kind"));
  }
  auto profession = string_field(*body, "profession", 200, false);
  if (!profession) return json_error(profession.error());
  auto jurisdiction = string_field(*body, "jurisdiction", 200, false);
  if (!jurisdiction) return json_error(jurisdiction.error());
  const Status done = do_verify_member(env, call.viewer->account.id, *login, {*kind, *profession, *jurisdiction});
  if (!done) return json_error(done.error());
  return no_content();
}

Response revoke(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto login = string_field(*body, "login", 100, true);
  if (!login) return json_error(login.error());
  const Status done = do_revoke_verification(env, call.viewer->account.id, *login);
  if (!done) return json_error(done.error());
  return no_content();
}

}  // namespace

void add_verification_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::get, "/api/v1/me/verification", my_verification, "api.me.verification");
  route(Method::put, "/api/v1/me/personas/{id}/badge",
        [](const ActionEnvironment& e, ApiCall& c) { return set_badge(e, c, true); }, "api.me.personas.badge.show");
  route(Method::delete_, "/api/v1/me/personas/{id}/badge",
        [](const ActionEnvironment& e, ApiCall& c) { return set_badge(e, c, false); }, "api.me.personas.badge.hide");
  route(Method::get, "/api/v1/admin/verifications", list, "api.admin.verifications");
  route(Method::post, "/api/v1/admin/verifications", verify, "api.admin.verifications.create");
  route(Method::post, "/api/v1/admin/verifications/revoke", revoke, "api.admin.verifications.revoke");
}

}  // namespace hearth
