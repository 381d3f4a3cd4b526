#pragma once
// Threads: their rows, per-thread anonymous labels, and the group page's thread list.
//
// Read models here make no permission decisions: the caller (web/, api/, actions/) has
// already asked policy/ whether the viewer may read the group. Author fields meant for
// display are never filled for anonymous or removed opening posts.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/membership.hpp"
#include "store/database.hpp"

namespace hearth {

// Who wrote a post, as any reader may be shown it. For an anonymous post only the label is
// filled (persona_id 0, persona_name empty, no role); for a removed post nothing is.
struct AuthorDisplay {
  bool anonymous = false;
  std::string anonymous_label;  // "A", "B", … (anonymous posts only)
  PersonaId persona_id = 0;     // 0 when anonymous or removed
  std::string persona_name;     // empty when anonymous or removed
  std::optional<Role> role;     // the author's role in the group while an active member
  bool trained_volunteer = false;
};

}  // namespace hearth

namespace hearth::threads {

struct Thread {
  ThreadId id = 0;
  GroupId group_id = 0;
  std::string title;
  PostId opening_post_id = 0;
  bool pinned = false;
  bool locked = false;
  int64_t post_count = 0;
  UnixMillis created_at = 0;
  UnixMillis last_activity_at = 0;
};

void insert(Connection& c, const Thread& thread);
std::optional<Thread> find(Connection& c, ThreadId id);
void set_title(Connection& c, ThreadId id, const std::string& title);
void set_pinned(Connection& c, ThreadId id, bool pinned);
void set_locked(Connection& c, ThreadId id, bool locked);
// One more post: post_count + 1, last activity moves forward to `at` (never back).
void count_new_post(Connection& c, ThreadId id, UnixMillis at);

// The author's stable anonymous label in this thread: the one they already have, or the
// next free one ("A", "B", …) recorded now. Call inside the write transaction.
std::string anonymous_label_for(Connection& c, ThreadId thread_id, GroupId group_id, AccountId account);

// Keyset position in the order pinned DESC, last_activity_at DESC, id DESC.
struct Cursor {
  bool pinned = false;
  UnixMillis last_activity_at = 0;
  ThreadId id = 0;
};
// "<pinned>.<last_activity_at>.<id>", e.g. "0.1795255200000.4711".
std::string format_cursor(const Cursor& cursor);
// Strict: nullopt for anything format_cursor could not have produced.
std::optional<Cursor> parse_cursor(std::string_view text);

struct Summary {
  ThreadId id = 0;
  GroupId group_id = 0;
  std::string title;  // empty when the opening post was removed by its author
  bool opening_removed = false;
  bool pinned = false;
  bool locked = false;
  int64_t post_count = 0;
  UnixMillis created_at = 0;
  UnixMillis last_activity_at = 0;
  AuthorDisplay author;           // of the opening post
  std::optional<int64_t> unread;  // posts the viewer hasn't seen; nullopt without a viewer
  bool following = false;
};

struct Page {
  std::vector<Summary> threads;
  std::optional<Cursor> next;  // more threads after these
};

inline constexpr int max_page_size = 100;

// A group's threads, pinned first, then by latest activity. `after`: the `next` of the
// previous page. `viewer`: fills unread and following.
Page page(Connection& c, GroupId group_id, std::optional<AccountId> viewer, const std::optional<Cursor>& after,
          int limit);

// One thread as a list entry (same fields as page()).
std::optional<Summary> summary(Connection& c, ThreadId id, std::optional<AccountId> viewer);

}  // namespace hearth::threads
