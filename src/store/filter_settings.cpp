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
  return c.all<std::string>(
      "SELECT DISTINCT per.name FROM posts p JOIN personas per ON per.id = p.author_persona_id"
      " WHERE p.group_id = ? AND p.thread_id = ? AND p.anonymous = 0 AND p.deleted_at IS NULL LIMIT ?",
      {group_id, thread_id, int64_t{limit}}, [](const Row& r) { return r.text(0); });
}

}  // namespace hearth::filter_settings
