#pragma once
// Live updates as one viewer may receive them: recording what changed in a thread (inside
// an action's transaction) and reading it back for a stream, with every permission checked
// again at each delivery. A member removed or banned from a group, or whose session ended,
// gets nothing more from the moment the change commits; guests get only what anyone may
// read; held posts reach only their author and the group's moderators.
//
// The streams themselves (web/pages/thread_events_page.cpp, api/events_api.cpp) are woken
// by env.changes (actions/change_feed.hpp) and read from here.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/sessions.hpp"
#include "store/posts.hpp"
#include "store/thread_events.hpp"
#include "store/threads.hpp"

namespace hearth {

// Inside an action's write transaction, beside the change itself: records the event in the
// outbox (store/thread_events) and notes the thread's group on the feed. The action calls
// env.changes->thread_changed() after the commit as before; that wakes the streams.
void record_thread_event(const ActionEnvironment& env, Connection& c, thread_events::Kind kind,
                         const posts::Post& post);
// The same for a change to the thread itself (`lock`: locked or unlocked, `pin`: pinned or
// unpinned). It names the opening post and reaches everyone who may read the thread: an open
// page then shows the change (no reply form in a locked conversation) without a reload.
void record_thread_event(const ActionEnvironment& env, Connection& c, thread_events::Kind kind,
                         const threads::Thread& thread);

// Who a stream delivers to, as they were recognised when it opened.
struct LiveViewer {
  std::optional<AccountId> account;  // none: a guest
  std::string credential_hash;       // the session or access token the stream was opened with
  bool via_access_token = false;
};
LiveViewer live_viewer(const std::optional<Viewer>& viewer);

// The position of a thread's latest event, for a page that streams from where it was read.
int64_t thread_live_position(const ActionEnvironment& env, ThreadId thread);

inline constexpr int max_events_per_delivery = 100;

// What a thread's stream sends next.
struct ThreadDelivery {
  bool gone = false;   // the viewer may no longer read the thread, or it is gone: end the stream
  bool reset = false;  // the client missed events that are no longer kept (or too many): it reloads
  int64_t position = 0;  // the last event read; the next delivery starts after it
  std::vector<thread_events::Event> events;  // read after `after`, and the viewer may be told of
};
ThreadDelivery deliver_thread_events(const ActionEnvironment& env, const LiveViewer& viewer, ThreadId thread,
                                     int64_t after);

// What a member's stream sends: how many conversations in their groups have posts they
// haven't read (what the home page counts), and the groups whose changes may change it.
struct MemberDelivery {
  bool gone = false;  // the session or token ended
  int64_t unread_threads = 0;
  std::vector<GroupId> groups;
  // Their private messages (docs/messages.md): new messages, and requests waiting for an
  // answer. Their own only; a new message wakes the stream through account_changed.
  int64_t unread_messages = 0;
  int64_t message_requests = 0;
};
MemberDelivery deliver_member_state(const ActionEnvironment& env, const LiveViewer& viewer);

}  // namespace hearth
