#include "store/filter_settings.hpp"

namespace hearth::filter_settings {

bool strict_third_party(Connection& c, GroupId group_id) {
  return c.first_i64("SELECT strict_third_party FROM group_filter_settings WHERE group_id = ?", {group_id})
             .value_or(0) != 0;
}

void set_strict_third_party(Connection& c, GroupId group_id, bool strict) {
  c.run(
      "INSERT INTO group_filter_settings (group_id, strict_third_party) VALUES (?, ?)"
      " ON CONFLICT (group_id) DO UPDATE SET strict_third_party = excluded.strict_third_party",
      {group_id, int64_t{strict}});
}

std::vector<std::string> thread_pseudonyms(Connection& c, GroupId group_id, ThreadId thread_id, int limit) {
  // Distinct authors first, from posts_thread_signed_authors (the index alone: no post is
  // read), then their names. The thread's row keeps the group check. Written as
  // `p.group_id = ? AND p.thread_id = ?` over posts, SQLite (no statistics) read every post
  // of the group for each reply: most of a reply's CPU on the 1M-post bench (bench/README.md).
  return c.all<std::string>(
      "SELECT DISTINCT per.name FROM personas per WHERE per.id IN (SELECT p.author_persona_id"
      " FROM threads t JOIN posts p ON p.thread_id = t.id"
      " WHERE t.id = ? AND t.group_id = ? AND p.anonymous = 0 AND p.deleted_at IS NULL) LIMIT ?",
      {thread_id, group_id, int64_t{limit}}, [](const Row& r) { return r.text(0); });
}

}  // namespace hearth::filter_settings
