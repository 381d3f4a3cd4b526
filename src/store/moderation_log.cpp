#include "store/moderation_log.hpp"

#include "core/random.hpp"

namespace hearth::moderation_log {

void record(Connection& c, GroupId group_id, AccountId actor, std::string_view action, UnixMillis at) {
  c.run("INSERT INTO moderation_log (id, group_id, actor_account_id, action, created_at) VALUES (?, ?, ?, ?, ?)",
        {random_id(), group_id, actor, std::string(action), at});
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
              activity.hours[(r.i64(0) / 3'600'000) % 24] = true;
            });
  return activity;
}

}  // namespace hearth::moderation_log
