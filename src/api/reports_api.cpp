// Reports, and what moderators told the caller:
//   POST /api/v1/posts/{id}/reports                          report a post or reply
//   POST /api/v1/groups/{slug}/members/{persona_id}/reports  report a persona
//   GET  /api/v1/me/reports                                  your reports and what came of them
//   GET  /api/v1/me/notices                                  warnings, removals, mutes and bans you were given
#include <boost/json.hpp>

#include "actions/conversations.hpp"
#include "actions/moderation_reads.hpp"
#include "actions/reports.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/moderation_json.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response receipt(const Result<ReportReceipt>& filed) {
  if (!filed) return json_error(filed.error());
  return json_response(
      filed->already_reported ? 200 : 201,
      {{"status", "received"},
       {"already_reported", filed->already_reported},
       {"message", filed->already_reported ? "You had already reported this. The moderators have your first report."
                                           : "Thank you. Your report was received; the group's moderators will look at "
                                             "it."}});
}

Response report_post(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = report_from(*body);
  if (!draft) return json_error(draft.error());
  return receipt(do_report_post(env, call.viewer->account.id, *id, *draft));
}

Response report_persona(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = report_from(*body);
  if (!draft) return json_error(draft.error());
  const auto persona = path_id(call, "persona_id");
  return receipt(do_report_persona(env, call.viewer->account.id, view->group.id, persona.value_or(0), *draft));
}

boost::json::value optional_time(const std::optional<UnixMillis>& at) {
  return at ? boost::json::value(format_rfc3339(*at)) : boost::json::value(nullptr);
}

// A hidden group the caller no longer belongs to comes without slug or name: null.
boost::json::value group_or_null(const std::string& slug, const std::string& name) {
  if (slug.empty()) return nullptr;
  return boost::json::object{{"slug", slug}, {"name", name}};
}

Response my_reports(const ActionEnvironment& env, ApiCall& call) {
  boost::json::array items;
  for (const auto& r : read_my_reports(env, call.viewer->account.id)) {
    std::string url = "/g/" + r.group_slug;
    if (r.item == ReportItem::post && r.thread_id) {
      url += "/t/" + std::to_string(*r.thread_id) + "#post-" + std::to_string(r.item_id);
    } else if (r.item == ReportItem::persona) {
      url += "/p/" + std::to_string(r.item_id);
    }
    items.push_back({{"group", group_or_null(r.group_slug, r.group_name)},
                     {"item", report_item_name(r.item)},
                     {"item_id", std::to_string(r.item_id)},
                     {"reason", report_reason_name(r.reason)},
                     {"rule", r.rule ? boost::json::value(*r.rule) : nullptr},
                     {"reported_at", format_rfc3339(r.created_at)},
                     {"outcome", report_outcome_name(r.outcome)},
                     {"outcome_message", report_outcome_label(r.outcome)},
                     {"resolved_at", optional_time(r.resolved_at)},
                     {"url", r.group_slug.empty() ? boost::json::value(nullptr) : boost::json::value(url)}});
  }
  return json_response(200, {{"reports", std::move(items)}});
}

Response my_notices(const ActionEnvironment& env, ApiCall& call) {
  boost::json::array items;
  for (const auto& n : read_my_notices(env, call.viewer->account.id)) {
    std::string url = "/g/" + n.group_slug;
    if (n.thread_id && n.post_id) url += "/t/" + std::to_string(*n.thread_id) + "#post-" + std::to_string(*n.post_id);
    items.push_back({{"group", group_or_null(n.group_slug, n.group_name)},
                     {"kind", sanction_kind_name(n.kind)},
                     {"reason", n.reason},
                     {"rule", n.rule ? boost::json::value(*n.rule) : nullptr},
                     {"ends_at", optional_time(n.ends_at)},
                     {"lifted_at", optional_time(n.lifted_at)},
                     {"at", format_rfc3339(n.created_at)},
                     {"about_anonymous_post", n.about_anonymous_post},
                     {"url", n.group_slug.empty() ? boost::json::value(nullptr) : boost::json::value(url)}});
  }
  return json_response(200, {{"notices", std::move(items)}});
}

}  // namespace

void add_report_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::post, "/api/v1/posts/{id}/reports", report_post, "api.posts.report");
  route(Method::post, "/api/v1/groups/{slug}/members/{persona_id}/reports", report_persona,
        "api.groups.members.report");
  route(Method::get, "/api/v1/me/reports", my_reports, "api.me.reports");
  route(Method::get, "/api/v1/me/notices", my_notices, "api.me.notices");
}

}  // namespace hearth
