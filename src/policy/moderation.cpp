#include "policy/moderation.hpp"

namespace hearth {

bool can_report(Privacy privacy, const GroupViewer& viewer) {
  return viewer.account.has_value() && can_read_content(privacy, viewer);
}

bool can_see_held_post(const GroupViewer& viewer, bool viewer_is_author) {
  return (viewer_is_author && viewer.account.has_value()) || can_moderate(viewer);
}

bool can_see_removal_explanation(const GroupViewer& viewer, bool viewer_is_author) {
  return (viewer_is_author && viewer.account.has_value()) || can_moderate(viewer);
}

bool can_read_moderation_log(Privacy privacy, const GroupViewer& viewer) {
  return can_read_content(privacy, viewer);
}

bool can_read_full_moderation_log(const GroupViewer& viewer) {
  return can_moderate(viewer);
}

bool can_sanction_member(const GroupViewer& actor, Role target_role, bool target_is_self) {
  if (!can_moderate(actor) || target_is_self) return false;
  return target_role < actor.membership->role;
}

bool handle_sanction_applies(Role target_role, bool target_is_actor) {
  return target_role == Role::member && !target_is_actor;
}

HoldReason hold_reason(const ModerationSettings& settings, bool author_moderates, bool anonymous,
                       int64_t published_posts) {
  if (author_moderates) return HoldReason::none;
  if (anonymous && settings.hold_anonymous) return HoldReason::anonymous;
  if (published_posts < settings.hold_first_posts) return HoldReason::new_member;
  return HoldReason::none;
}

std::optional<int64_t> slow_mode_wait_ms(const ModerationSettings& settings, bool author_moderates,
                                         std::optional<UnixMillis> last_post_at, UnixMillis now) {
  if (author_moderates || settings.slow_mode_seconds <= 0 || !last_post_at) return std::nullopt;
  const UnixMillis allowed_at = *last_post_at + int64_t{settings.slow_mode_seconds} * 1000;
  if (allowed_at <= now) return std::nullopt;
  return allowed_at - now;
}

}  // namespace hearth
