// Muting (docs/blocking.md, docs/api.md): private to the caller.
//   PUT/DELETE /api/v1/threads/{id}/mute        mute or unmute a conversation
//   PUT/DELETE /api/v1/groups/{slug}/mute       mute or unmute a whole group
//   GET        /api/v1/me/mutes                 the caller's muted conversations and groups
#include <boost/json.hpp>

#include "actions/conversations.hpp"
#include "actions/muting.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response thread(const ActionEnvironment& env, ApiCall& call, bool mute) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  if (auto done = do_mute_thread(env, call.viewer->account.id, *id, mute); !done) return json_error(done.error());
  return no_content();
}

Response group(const ActionEnvironment& env, ApiCall& call, bool mute) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  if (auto done = do_mute_group(env, call.viewer->account.id, view->group.id, mute); !done) {
    return json_error(done.error());
  }
  return no_content();
}

// A thread or group the caller may no longer read is listed by id only (so it can be unmuted).
boost::json::array items_json(const std::vector<MutedItem>& items, bool threads) {
  boost::json::array out;
  for (const auto& item : items) {
    boost::json::object o{{"id", std::to_string(item.id)}, {"muted_at", format_rfc3339(item.muted_at)}};
    if (threads) o["title"] = item.title.empty() ? boost::json::value(nullptr) : boost::json::value(item.title);
    if (item.group_slug.empty()) o["group"] = nullptr;
    else o["group"] = boost::json::object{{"slug", item.group_slug}, {"name", item.group_name}};
    out.push_back(std::move(o));
  }
  return out;
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  const MutedLists lists = read_mutes(env, call.viewer->account.id);
  return json_response(200, {{"threads", items_json(lists.threads, true)}, {"groups", items_json(lists.groups, false)}});
}

}  // namespace

void add_mute_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::put, "/api/v1/threads/{id}/mute", [](const ActionEnvironment& e, ApiCall& c) { return thread(e, c, true); },
        "api.threads.mute");
  route(Method::delete_, "/api/v1/threads/{id}/mute",
        [](const ActionEnvironment& e, ApiCall& c) { return thread(e, c, false); }, "api.threads.unmute");
  route(Method::put, "/api/v1/groups/{slug}/mute", [](const ActionEnvironment& e, ApiCall& c) { return group(e, c, true); },
        "api.groups.mute");
  route(Method::delete_, "/api/v1/groups/{slug}/mute",
        [](const ActionEnvironment& e, ApiCall& c) { return group(e, c, false); }, "api.groups.unmute");
  route(Method::get, "/api/v1/me/mutes", list, "api.me.mutes");
}

}  // namespace hearth
