#pragma once
// The live-update streams (Server-Sent Events, core/event_stream.hpp) that the thread page
// (web/pages/thread_events_page.cpp) and the API (api/events_api.cpp) answer with. Each is
// woken by the change feed (actions/change_feed.hpp) and reads what to send through
// actions/live_events, which checks the viewer's permissions again at every delivery.
#include <chrono>
#include <memory>

#include "actions/live_events.hpp"
#include "core/http_message.hpp"

namespace hearth {

// A conversation's events after `from`, as the viewer may be told of them:
//   id: 7 / event: reply|thread|edit|removal|reaction|reset / data: {"post":"123"}
// Ends when the viewer may no longer read the conversation.
std::shared_ptr<BodyStream> thread_event_stream(const ActionEnvironment& env, LiveViewer viewer, ThreadId thread,
                                                GroupId group, int64_t from);

// A member's unread count: event: unread / data: {"unread_threads":3}, at the start and
// whenever it changes. Ends when their session or token no longer works.
std::shared_ptr<BodyStream> member_event_stream(const ActionEnvironment& env, LiveViewer viewer);

// How soon a browser comes back after the connection drops.
inline constexpr std::chrono::milliseconds live_reconnect_after{5000};

}  // namespace hearth
