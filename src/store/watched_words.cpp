#include "store/watched_words.hpp"

#include "core/random.hpp"

namespace hearth {
namespace {

constexpr std::string_view columns = "id, group_id, phrase, action, message, created_at";

WatchedWord read_word(const Row& r) {
  return {r.i64(0),  r.optional_i64(1), r.text(2), parse_watch_action(r.text(3)).value_or(WatchAction::flag),
          r.text(4), r.i64(5)};
}

// The platform's list is the rows with no group; SQL can't compare NULL with "=", so each
// statement comes in two forms.
std::string scoped(std::string_view sql_before_scope, std::optional<GroupId> group) {
  return std::string(sql_before_scope) + (group ? " group_id = ?" : " group_id IS NULL");
}

std::vector<SqlValue> scope_params(std::optional<GroupId> group, std::vector<SqlValue> before = {}) {
  if (group) before.emplace_back(*group);
  return before;
}

// A new random version rather than a count: compiled lists are cached by version, and a
// database restored from a backup, or a test's fresh one, must not present an old number
// for different content.
void bump_version(Connection& c, std::optional<GroupId> group) {
  c.run(
      "INSERT INTO watched_word_versions (scope_id, version) VALUES (?, ?)"
      " ON CONFLICT (scope_id) DO UPDATE SET version = excluded.version",
      {group.value_or(0), random_id()});
}

}  // namespace

std::string_view watch_action_name(WatchAction action) {
  switch (action) {
    case WatchAction::block:
      return "block";
    case WatchAction::hold:
      return "hold";
    case WatchAction::flag:
      return "flag";
    case WatchAction::censor:
      return "censor";
  }
  return "flag";
}

std::optional<WatchAction> parse_watch_action(std::string_view name) {
  for (WatchAction a : {WatchAction::block, WatchAction::hold, WatchAction::flag, WatchAction::censor}) {
    if (watch_action_name(a) == name) return a;
  }
  return std::nullopt;
}

namespace watched_words {

std::vector<WatchedWord> list(Connection& c, std::optional<GroupId> group) {
  const std::string sql =
      scoped("SELECT " + std::string(columns) + " FROM watched_words WHERE", group) + " ORDER BY created_at, id";
  return c.all<WatchedWord>(sql, scope_params(group), read_word);
}

int64_t count(Connection& c, std::optional<GroupId> group) {
  return c.first_i64(scoped("SELECT COUNT(*) FROM watched_words WHERE", group), scope_params(group)).value_or(0);
}

std::optional<int64_t> add(Connection& c, const NewWatchedWord& w) {
  const int64_t id = random_id();
  c.run(
      "INSERT INTO watched_words (id, group_id, phrase, phrase_key, action, message, created_by, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
      {id, w.group_id ? SqlValue(*w.group_id) : SqlValue(nullptr), w.phrase, w.phrase_key,
       std::string(watch_action_name(w.action)), w.message, w.created_by ? SqlValue(*w.created_by) : SqlValue(nullptr),
       w.created_at});
  if (c.changes() == 0) return std::nullopt;
  bump_version(c, w.group_id);
  return id;
}

bool update(Connection& c, std::optional<GroupId> group, int64_t id, WatchAction action, std::string_view message) {
  c.run(scoped("UPDATE watched_words SET action = ?, message = ? WHERE id = ? AND", group),
        scope_params(group, {std::string(watch_action_name(action)), std::string(message), id}));
  if (c.changes() == 0) return false;
  bump_version(c, group);
  return true;
}

bool remove(Connection& c, std::optional<GroupId> group, int64_t id) {
  c.run(scoped("DELETE FROM watched_words WHERE id = ? AND", group), scope_params(group, {id}));
  if (c.changes() == 0) return false;
  bump_version(c, group);
  return true;
}

Versions versions(Connection& c, std::optional<GroupId> group) {
  Versions v;
  c.execute("SELECT scope_id, version FROM watched_word_versions WHERE scope_id IN (0, ?)", {group.value_or(0)},
            [&](const Row& r) { (r.i64(0) == 0 ? v.platform : v.group) = r.i64(1); });
  return v;
}

}  // namespace watched_words
}  // namespace hearth
