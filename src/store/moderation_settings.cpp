#include "store/moderation_settings.hpp"

namespace hearth::moderation_settings {

ModerationSettings find(Connection& c, GroupId group_id) {
  return c
      .first<ModerationSettings>(
          "SELECT hold_first_posts, slow_mode_seconds, hold_anonymous FROM group_moderation_settings"
          " WHERE group_id = ?",
          {group_id},
          [](const Row& r) {
            return ModerationSettings{static_cast<int>(r.i64(0)), static_cast<int>(r.i64(1)), r.i64(2) != 0};
          })
      .value_or(ModerationSettings{});
}

void save(Connection& c, GroupId group_id, const ModerationSettings& s) {
  c.run("DELETE FROM group_moderation_settings WHERE group_id = ?", {group_id});
  c.run(
      "INSERT INTO group_moderation_settings (group_id, hold_first_posts, slow_mode_seconds, hold_anonymous)"
      " VALUES (?, ?, ?, ?)",
      {group_id, int64_t{s.hold_first_posts}, int64_t{s.slow_mode_seconds}, int64_t{s.hold_anonymous}});
}

}  // namespace hearth::moderation_settings
