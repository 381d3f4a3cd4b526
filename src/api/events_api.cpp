// Live updates as Server-Sent Events (documented in docs/api.md, "Live updates"):
//   GET /api/v1/me/events            the member's unread count
//   GET /api/v1/threads/{id}/events  a conversation's changes, for API clients (the thread
//                                    page's script uses /g/{slug}/t/{id}/events)
// A thread in a group the caller may not read answers exactly like one that doesn't exist,
// as GET /api/v1/threads/{id} does.
#include "actions/conversations.hpp"
#include "api/endpoint.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/live_streams.hpp"
#include "api/routes.hpp"
#include "core/event_stream.hpp"

namespace hearth {
namespace {

Response member_events(const ActionEnvironment& env, const ApiCall& call) {
  return event_stream_response(member_event_stream(env, live_viewer(call.viewer)), live_reconnect_after);
}

Response conversation_events(const ActionEnvironment& env, const ApiCall& call) {
  const auto id = api_id(call.request.param("id").value_or(""));
  if (!id) return json_error(thread_not_found());
  const std::optional<AccountId> account = call.viewer ? std::optional(call.viewer->account.id) : std::nullopt;
  const auto group = env.store.read([&](Connection& c) -> std::optional<GroupId> {
    const auto thread = find_thread_in(c, *id, account);
    if (!thread) return std::nullopt;
    return thread->thread.group_id;
  });
  if (!group) return json_error(thread_not_found());
  const int64_t from = resume_position(call.request).value_or(thread_live_position(env, *id));
  return event_stream_response(thread_event_stream(env, live_viewer(call.viewer), *id, *group, from),
                               live_reconnect_after);
}

}  // namespace

void add_event_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/api/v1/me/events",
                    api_endpoint(env, Access::member, [&env](ApiCall& c) { return member_events(env, c); }),
                    "api.me.events"});
  routes.push_back({Method::get, "/api/v1/threads/{id}/events",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return conversation_events(env, c); }),
                    "api.threads.events"});
}

}  // namespace hearth
