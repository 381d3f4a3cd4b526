#pragma once
// What changed in a conversation, in order: the outbox that live updates read from.
//
// An action records an event INSIDE its write transaction, beside the change itself, so an
// event exists exactly when its change committed: a rolled-back reply leaves none, and a
// stream that reads this table never announces something a reader can't load yet. After
// the commit the action tells the change feed, which wakes the streams of the thread; they
// read from here, from the last event they sent. A client that reconnects with
// Last-Event-ID therefore gets every event it missed, once.
//
// Events carry ids only. What a viewer may be shown is decided when an event is delivered
// (actions/live_events), never when it is written.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::thread_events {

// `lock` (locked or unlocked) and `pin` (pinned or unpinned) are about the thread itself; their
// post is the thread's opening post.
enum class Kind { thread, reply, edit, removal, reaction, lock, pin };
std::string_view kind_name(Kind kind);  // "thread", "reply", "edit", "removal", "reaction", "lock", "pin"
bool is_about_thread(Kind kind);        // lock, pin
std::optional<Kind> parse_kind(std::string_view name);

struct Event {
  int64_t seq = 0;  // 1, 2, 3 … within its thread
  ThreadId thread_id = 0;
  GroupId group_id = 0;
  Kind kind = Kind::reply;
  PostId post_id = 0;
  UnixMillis created_at = 0;
};

// Events are kept about a day; a client further behind reloads the page instead.
inline constexpr int64_t kept_for_ms = int64_t{26} * 3600 * 1000;

// Records an event in the caller's write transaction and returns its number. Every 64th
// event also prunes events older than kept_for_ms (everywhere), so the table stays small
// without a separate job.
int64_t record(Connection& c, Kind kind, ThreadId thread_id, GroupId group_id, PostId post_id, UnixMillis now);

// The number of the thread's latest event, 0 when it has none. A page that reads this
// before its content, and streams from it, misses nothing that commits in between.
int64_t last_seq(Connection& c, ThreadId thread_id);

// The thread's events numbered after `seq`, oldest first, at most `limit`.
std::vector<Event> after(Connection& c, ThreadId thread_id, int64_t seq, int limit);

// Removes events created before `before`; returns how many.
int64_t prune(Connection& c, UnixMillis before);

}  // namespace hearth::thread_events
