#include "store/thread_events.hpp"

#include <array>
#include <utility>

namespace hearth::thread_events {
namespace {

constexpr std::array<std::pair<Kind, std::string_view>, 7> kinds{{{Kind::thread, "thread"},
                                                                   {Kind::reply, "reply"},
                                                                   {Kind::edit, "edit"},
                                                                   {Kind::removal, "removal"},
                                                                   {Kind::reaction, "reaction"},
                                                                   {Kind::lock, "lock"},
                                                                   {Kind::pin, "pin"}}};

constexpr int64_t prune_every = 64;

}  // namespace

std::string_view kind_name(Kind kind) {
  for (const auto& [k, name] : kinds) {
    if (k == kind) return name;
  }
  return "reply";
}

std::optional<Kind> parse_kind(std::string_view name) {
  for (const auto& [k, text] : kinds) {
    if (text == name) return k;
  }
  return std::nullopt;
}

bool is_about_thread(Kind kind) {
  return kind == Kind::lock || kind == Kind::pin;
}

int64_t record(Connection& c, Kind kind, ThreadId thread_id, GroupId group_id, PostId post_id, UnixMillis now) {
  // One statement takes the next number: the row it updates is what orders two writers of
  // the same thread on PostgreSQL (the second waits for the first to commit).
  const auto seq = c.first_i64(
      "INSERT INTO thread_event_heads (thread_id, group_id, last_seq) VALUES (?, ?, 1)"
      " ON CONFLICT (thread_id) DO UPDATE SET last_seq = thread_event_heads.last_seq + 1 RETURNING last_seq",
      {thread_id, group_id});
  if (!seq) throw DatabaseError(DatabaseError::Kind::other, "thread_events: no number was returned");
  c.run("INSERT INTO thread_events (thread_id, seq, group_id, kind, post_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        {thread_id, *seq, group_id, std::string(kind_name(kind)), post_id, now});
  if (*seq % prune_every == 0) prune(c, now - kept_for_ms);
  return *seq;
}

int64_t last_seq(Connection& c, ThreadId thread_id) {
  return c.first_i64("SELECT last_seq FROM thread_event_heads WHERE thread_id = ?", {thread_id}).value_or(0);
}

std::vector<Event> after(Connection& c, ThreadId thread_id, int64_t seq, int limit) {
  return c.all<Event>(
      "SELECT seq, thread_id, group_id, kind, post_id, created_at FROM thread_events"
      " WHERE thread_id = ? AND seq > ? ORDER BY seq LIMIT ?",
      {thread_id, seq, int64_t{limit}}, [](const Row& r) {
        return Event{r.i64(0), r.i64(1), r.i64(2), parse_kind(r.text(3)).value_or(Kind::reply), r.i64(4), r.i64(5)};
      });
}

int64_t prune(Connection& c, UnixMillis before) {
  c.run("DELETE FROM thread_events WHERE created_at < ?", {before});
  return c.changes();
}

}  // namespace hearth::thread_events
