#include "actions/posting_gate.hpp"

#include <fmt/format.h>

#include "core/time_zone.hpp"
#include "policy/moderation.hpp"
#include "store/accounts.hpp"
#include "store/moderation_settings.hpp"
#include "store/posts.hpp"
#include "store/sanctions.hpp"

namespace hearth {

Status check_not_muted(const ActionEnvironment& env, Connection& c, GroupId group_id, AccountId account) {
  const auto mute = sanctions::active_mute(c, group_id, account, env.clock.now());
  if (!mute) return success();
  const auto me = accounts::find(c, account);
  const std::string zone = me && !me->time_zone.empty() ? me->time_zone : "UTC";
  std::string message =
      fmt::format("A moderator has paused your posting in this group until {} ({}). You can still read everything.",
                  format_local(mute->ends_at, zone), zone);
  if (!mute->reason.empty()) message += " What they told you: " + mute->reason;
  return make_error(ErrorCode::forbidden, std::move(message));
}

Result<HoldReason> check_new_post(const ActionEnvironment& env, Connection& c, const GroupInView& group,
                                  AccountId account, bool anonymous) {
  if (auto muted = check_not_muted(env, c, group.group.id, account); !muted) return muted.error();
  const ModerationSettings settings = moderation_settings::find(c, group.group.id);
  const bool moderates = can_moderate(group.viewer);
  const UnixMillis now = env.clock.now();
  if (const auto wait = slow_mode_wait_ms(settings, moderates, posts::last_post_at(c, group.group.id, account), now)) {
    Error error = make_error(
        ErrorCode::rate_limited,
        fmt::format("This group has slow mode on: each member can post once every {}. You can post again in {}.",
                    describe_duration(settings.slow_mode_seconds), describe_duration((*wait + 999) / 1000)));
    error.retry_after_seconds = static_cast<int>((*wait + 999) / 1000);
    return error;
  }
  const int64_t published = settings.hold_first_posts > 0 && !moderates
                                ? posts::count_published_by(c, group.group.id, account, settings.hold_first_posts)
                                : 0;
  return hold_reason(settings, moderates, anonymous, moderates ? settings.hold_first_posts : published);
}

}  // namespace hearth
