// GET /g/{slug}/t/{id}/events: the conversation's live updates, as Server-Sent Events, for
// the thread page's script (assets/hearth.js). Without JavaScript nobody asks for it and
// the page works by reloading.
//
// Each event names what changed and the post, never its content or author (docs/api.md,
// "Live updates"; api/live_streams.hpp):
//   id: 7            the thread's event number (Last-Event-ID on reconnecting)
//   event: reply     thread | reply | edit | removal | reaction, or reset (reload: events
//                    were missed that are no longer kept)
//   data: {"post":"123"}
// The script then loads the page as the viewer would on reloading and takes the posts from
// it, so what appears live is exactly what the page shows this viewer (anonymity, held
// posts, buttons), decided in one place.
//
// Access: answered like the thread page: a group the viewer may not see is a missing page,
// a private group's threads are members-only; and every delivery after that checks the
// viewer's session and membership again (actions/live_events).
#include "actions/conversations.hpp"
#include "api/live_streams.hpp"
#include "core/event_stream.hpp"
#include "web/error_page.hpp"
#include "web/group_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

Response open_stream(PageContext& context) {
  const auto group = group_from_path(context);
  if (!group) return render_not_found(context);
  if (!can_read_content(group->group.privacy, group->viewer)) return members_only_page(context, *group);
  const auto id = path_thread_id(context);
  if (!id) return render_not_found(context);
  const auto account = viewer_account(context);
  const bool here = context.env.store.read([&](Connection& c) {
    const auto thread = find_thread_in(c, *id, account);
    return thread && thread->thread.group_id == group->group.id;
  });
  if (!here) return render_not_found(context);
  // A page says where it was read (?from=); a reconnecting browser, what it last got.
  const int64_t from = resume_position(context.request).value_or(thread_live_position(context.env, *id));
  return event_stream_response(
      thread_event_stream(context.env, live_viewer(context.viewer), *id, group->group.id, from),
      live_reconnect_after);
}

}  // namespace

void add_thread_events_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/t/{id}/events", web_page(env, PageAccess::anyone, open_stream),
                    "web.thread.events"});
}

}  // namespace hearth
