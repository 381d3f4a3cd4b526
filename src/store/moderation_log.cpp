#include "store/moderation_log.hpp"

#include <algorithm>
#include <limits>

#include "core/random.hpp"

namespace hearth::moderation_log {

void record(Connection& c, GroupId group_id, AccountId actor, std::string_view action, UnixMillis at) {
  c.run("INSERT INTO moderation_log (id, group_id, actor_account_id, action, created_at) VALUES (?, ?, ?, ?, ?)",
        {random_id(), group_id, actor, std::string(action), at});
}

void record(Connection& c, const NewEntry& e) {
  c.run(
      "INSERT INTO moderation_log (id, group_id, actor_account_id, action, created_at, target_kind, target_id, handle,"
      " thread_id, reason, rule_number, public_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {random_id(), e.group_id, e.actor, e.action, e.at, e.target_kind, optional_value(e.target_id), e.handle,
       optional_value(e.thread_id), e.reason, e.rule ? SqlValue(int64_t{*e.rule}) : SqlValue(nullptr),
       e.public_summary});
}

std::vector<Line> recent(Connection& c, GroupId group_id, bool full, std::optional<UnixMillis> before, int limit) {
  limit = std::clamp(limit, 1, max_log_page);
  const std::vector<SqlValue> params{group_id, before.value_or(std::numeric_limits<int64_t>::max()), int64_t{limit}};
  if (!full) {
    return c.all<Line>(
        "SELECT created_at, action, public_summary FROM moderation_log WHERE group_id = ? AND created_at < ?"
        " AND public_summary <> ''"
        " ORDER BY created_at DESC, id DESC LIMIT ?",
        params, [](const Row& r) {
          Line line;
          line.at = r.i64(0);
          line.action = r.text(1);
          line.public_summary = r.text(2);
          return line;
        });
  }
  // A persona target's name is joined only for target_kind 'persona': an anonymous
  // author ('handle') has none to join.
  return c.all<Line>(
      "SELECT l.created_at, l.action, l.public_summary, COALESCE(ap.name, ''), l.target_kind, l.target_id,"
      " COALESCE(tp.name, ''), l.handle, l.thread_id, l.reason, l.rule_number FROM moderation_log l"
      " LEFT JOIN memberships am ON am.group_id = l.group_id AND am.account_id = l.actor_account_id"
      " LEFT JOIN personas ap ON ap.id = am.persona_id"
      " LEFT JOIN personas tp ON tp.id = l.target_id AND l.target_kind = 'persona'"
      " WHERE l.group_id = ? AND l.created_at < ? ORDER BY l.created_at DESC, l.id DESC LIMIT ?",
      params, [](const Row& r) {
        Line line;
        line.at = r.i64(0);
        line.action = r.text(1);
        line.public_summary = r.text(2);
        line.actor_name = r.text(3);
        line.target_kind = r.text(4);
        line.target_id = r.optional_i64(5);
        line.target_name = r.text(6);
        line.handle = r.text(7);
        line.thread_id = r.optional_i64(8);
        line.reason = r.text(9);
        if (!r.is_null(10)) line.rule = static_cast<int>(r.i64(10));
        return line;
      });
}

Activity activity_since(Connection& c, GroupId group_id, UnixMillis since) {
  Activity activity;
  activity.active_moderators =
      c.first_i64("SELECT COUNT(DISTINCT actor_account_id) FROM moderation_log WHERE group_id = ? AND created_at >= ?",
                  {group_id, since})
          .value_or(0);
  c.execute("SELECT created_at FROM moderation_log WHERE group_id = ? AND created_at >= ?", {group_id, since},
            [&](const Row& r) {
              ++activity.actions;
              ++activity.actions_by_utc_hour[(r.i64(0) / 3'600'000) % 24];
            });
  return activity;
}

}  // namespace hearth::moderation_log
