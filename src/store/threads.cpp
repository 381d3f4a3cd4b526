#include "store/threads.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

namespace hearth::threads {
namespace {

constexpr std::string_view thread_columns =
    "id, group_id, title, opening_post_id, pinned, locked, post_count, created_at, last_activity_at";

Thread to_thread(const Row& r) {
  return Thread{r.i64(0), r.i64(1), r.text(2), r.i64(3), r.i64(4) != 0, r.i64(5) != 0, r.i64(6), r.i64(7), r.i64(8)};
}

// The opening post's author is joined only when the post is neither anonymous nor removed,
// so no anonymous author's persona or role can reach a row, whatever the caller does.
constexpr std::string_view summary_select =
    "SELECT t.id, t.group_id, t.title, t.pinned, t.locked, t.post_count, t.created_at, t.last_activity_at,"
    " op.anonymous, op.anonymous_label, CASE WHEN op.deleted_at IS NULL THEN 0 ELSE 1 END,"
    " per.id, per.name, m.role, m.trained_volunteer,"
    " CASE WHEN r.account_id IS NULL THEN 0 ELSE 1 END, r.seen_post_count, r.following"
    " FROM threads t"
    " JOIN posts op ON op.id = t.opening_post_id"
    " LEFT JOIN personas per ON per.id = op.author_persona_id AND op.anonymous = 0 AND op.deleted_at IS NULL"
    " LEFT JOIN memberships m ON m.group_id = t.group_id AND m.account_id = op.author_account_id"
    "  AND m.status = 'active' AND op.anonymous = 0 AND op.deleted_at IS NULL"
    " LEFT JOIN thread_reads r ON r.account_id = ? AND r.thread_id = t.id";

Summary to_summary(const Row& r, bool has_viewer) {
  Summary s;
  s.id = r.i64(0);
  s.group_id = r.i64(1);
  s.opening_removed = r.i64(10) != 0;
  s.title = s.opening_removed ? "" : r.text(2);
  s.pinned = r.i64(3) != 0;
  s.locked = r.i64(4) != 0;
  s.post_count = r.i64(5);
  s.created_at = r.i64(6);
  s.last_activity_at = r.i64(7);
  if (!s.opening_removed) {
    s.author.anonymous = r.i64(8) != 0;
    if (s.author.anonymous) {
      s.author.anonymous_label = r.text(9);
    } else if (!r.is_null(11)) {
      s.author.persona_id = r.i64(11);
      s.author.persona_name = r.text(12);
      if (!r.is_null(13)) {
        s.author.role = parse_role(r.text(13));
        s.author.trained_volunteer = r.i64(14) != 0;
      }
    }
  }
  if (has_viewer) {
    const bool seen_before = r.i64(15) != 0;
    const int64_t seen = seen_before ? r.i64(16) : 0;
    s.unread = std::max<int64_t>(0, s.post_count - seen);
    s.following = seen_before && r.i64(17) != 0;
  }
  return s;
}

SqlValue viewer_param(std::optional<AccountId> viewer) {
  return viewer ? SqlValue(*viewer) : SqlValue(nullptr);
}

std::optional<int64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;  // 18 digits: no overflow
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

void insert(Connection& c, const Thread& t) {
  c.run(std::string("INSERT INTO threads (").append(thread_columns).append(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {t.id, t.group_id, t.title, t.opening_post_id, int64_t{t.pinned}, int64_t{t.locked}, t.post_count, t.created_at,
         t.last_activity_at});
}

std::optional<Thread> find(Connection& c, ThreadId id) {
  return c.first<Thread>(std::string("SELECT ").append(thread_columns).append(" FROM threads WHERE id = ?"), {id},
                         to_thread);
}

void set_title(Connection& c, ThreadId id, const std::string& title) {
  c.run("UPDATE threads SET title = ? WHERE id = ?", {title, id});
}

void set_pinned(Connection& c, ThreadId id, bool pinned) {
  c.run("UPDATE threads SET pinned = ? WHERE id = ?", {int64_t{pinned}, id});
}

void set_locked(Connection& c, ThreadId id, bool locked) {
  c.run("UPDATE threads SET locked = ? WHERE id = ?", {int64_t{locked}, id});
}

void count_new_post(Connection& c, ThreadId id, UnixMillis at) {
  c.run(
      "UPDATE threads SET post_count = post_count + 1,"
      " last_activity_at = CASE WHEN last_activity_at < ? THEN ? ELSE last_activity_at END WHERE id = ?",
      {at, at, id});
}

std::string anonymous_label_for(Connection& c, ThreadId thread_id, GroupId group_id, AccountId account) {
  auto existing =
      c.first<std::string>("SELECT label FROM thread_anonymous_labels WHERE thread_id = ? AND account_id = ?",
                           {thread_id, account}, [](const Row& r) { return r.text(0); });
  if (existing) return *existing;
  // Labels are handed out in order inside the (serialised) write transaction, so the count
  // of labels already given is the index of the next one.
  const int64_t given =
      c.first_i64("SELECT COUNT(*) FROM thread_anonymous_labels WHERE thread_id = ?", {thread_id}).value_or(0);
  std::string label = anonymous_label(static_cast<int>(given));
  c.run("INSERT INTO thread_anonymous_labels (thread_id, account_id, group_id, label) VALUES (?, ?, ?, ?)",
        {thread_id, account, group_id, label});
  return label;
}

std::string format_cursor(const Cursor& cursor) {
  return fmt::format("{}.{}.{}", cursor.pinned ? 1 : 0, cursor.last_activity_at, cursor.id);
}

std::optional<Cursor> parse_cursor(std::string_view text) {
  if (text.size() > 60) return std::nullopt;
  const auto first_dot = text.find('.');
  if (first_dot == std::string_view::npos) return std::nullopt;
  const auto second_dot = text.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return std::nullopt;
  const std::string_view pinned = text.substr(0, first_dot);
  if (pinned != "0" && pinned != "1") return std::nullopt;
  const auto at = parse_number(text.substr(first_dot + 1, second_dot - first_dot - 1));
  const auto id = parse_number(text.substr(second_dot + 1));
  if (!at || !id) return std::nullopt;
  return Cursor{pinned == "1", *at, *id};
}

Page page(Connection& c, GroupId group_id, std::optional<AccountId> viewer, const std::optional<Cursor>& after,
          int limit) {
  limit = std::clamp(limit, 1, max_page_size);
  // Keyset pagination on the index (group_id, pinned, last_activity_at, id), read backwards:
  // every page costs the same however deep it is. The first page starts above any real
  // key (pinned is 0 or 1).
  const int64_t key_pinned = after ? int64_t{after->pinned} : 2;
  const int64_t key_at = after ? after->last_activity_at : 0;
  const int64_t key_id = after ? after->id : 0;
  const std::string sql = std::string(summary_select)
                              .append(
                                  " WHERE t.group_id = ? AND (t.pinned, t.last_activity_at, t.id) < (?, ?, ?)"
                                  " AND t.post_count > 0"  // 0: the opening post waits for a moderator
                                  " ORDER BY t.pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT ?");
  Page result;
  result.threads = c.all<Summary>(sql, {viewer_param(viewer), group_id, key_pinned, key_at, key_id, int64_t{limit} + 1},
                                  [&](const Row& r) { return to_summary(r, viewer.has_value()); });
  if (result.threads.size() > static_cast<std::size_t>(limit)) {
    result.threads.pop_back();
    const Summary& last = result.threads.back();
    result.next = Cursor{last.pinned, last.last_activity_at, last.id};
  }
  return result;
}

std::optional<Summary> summary(Connection& c, ThreadId id, std::optional<AccountId> viewer) {
  return c.first<Summary>(std::string(summary_select).append(" WHERE t.id = ?"), {viewer_param(viewer), id},
                          [&](const Row& r) { return to_summary(r, viewer.has_value()); });
}

}  // namespace hearth::threads
