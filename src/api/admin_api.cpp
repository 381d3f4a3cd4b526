// Platform admins:
//   GET  /api/v1/admin/escalations                  escalated items of every group
//   POST /api/v1/admin/escalations/{id}/resolve     {"resolution": "…"}
//   POST /api/v1/admin/posts/{id}/unmask            {"reason": "…"}: who wrote an anonymous post (recorded)
//   GET  /api/v1/admin/audit                        what platform admins did, and why
#include <boost/json.hpp>

#include "actions/platform_admin.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/moderation_json.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response list_escalations(const ActionEnvironment& env, ApiCall& call) {
  const auto found = read_escalations(env, call.viewer->account.id);
  if (!found) return json_error(found.error());
  boost::json::array items;
  for (const auto& v : *found) {
    const auto& e = v.escalation;
    const Group group{.id = e.group_id, .slug = e.group_slug, .name = e.group_name};
    boost::json::object item{{"id", std::to_string(e.id)},
                             {"group", {{"slug", e.group_slug}, {"name", e.group_name}}},
                             {"item", report_item_name(e.item)},
                             {"reason", e.reason},
                             {"created_at", format_rfc3339(e.created_at)},
                             {"resolved", e.resolved_at.has_value()},
                             {"resolution", e.resolution}};
    if (v.post) item["post"] = post_card_json(group, *v.post);
    if (!v.handle.empty()) item["handle"] = v.handle;
    if (v.persona) item["persona"] = persona_ref(v.persona->id, v.persona->name);
    items.push_back(std::move(item));
  }
  return json_response(200, {{"escalations", std::move(items)}});
}

Response resolve(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto resolution = string_field(*body, "resolution", 2000, false);
  if (!resolution) return json_error(resolution.error());
  const auto id = path_id(call, "id");
  if (auto done = do_resolve_escalation(env, call.viewer->account.id, id.value_or(0), *resolution); !done) {
    return json_error(done.error());
  }
  return no_content();
}

Response unmask(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto reason = string_field(*body, "reason", 2000, false);
  if (!reason) return json_error(reason.error());
  const auto id = path_id(call, "id");
  auto unmasked = do_unmask(env, call.viewer->account.id, id.value_or(0), *reason);
  if (!unmasked) return json_error(unmasked.error());
  return json_response(200, {{"group", {{"slug", unmasked->group_slug}, {"name", unmasked->group_name}}},
                             {"persona", persona_ref(unmasked->persona_id, unmasked->persona_name)},
                             {"handle", unmasked->handle},
                             {"recorded", true}});
}

Response audit(const ActionEnvironment& env, ApiCall& call) {
  const auto entries = read_admin_audit(env, call.viewer->account.id);
  if (!entries) return json_error(entries.error());
  boost::json::array items;
  for (const auto& e : *entries) {
    items.push_back(
        {{"admin", e.admin_login}, {"action", e.action}, {"detail", e.detail}, {"at", format_rfc3339(e.at)}});
  }
  return json_response(200, {{"entries", std::move(items)}});
}

}  // namespace

void add_admin_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::get, "/api/v1/admin/escalations", list_escalations, "api.admin.escalations");
  route(Method::post, "/api/v1/admin/escalations/{id}/resolve", resolve, "api.admin.escalations.resolve");
  route(Method::post, "/api/v1/admin/posts/{id}/unmask", unmask, "api.admin.unmask");
  route(Method::get, "/api/v1/admin/audit", audit, "api.admin.audit");
}

}  // namespace hearth
