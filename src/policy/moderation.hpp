#pragma once
// Who may report, see held posts and the moderation log, and act on whom; and the posting
// gates a group's moderation settings set (held posts, slow mode). Pure functions.
#include <optional>

#include "domain/moderation.hpp"
#include "policy/group_access.hpp"

namespace hearth {

// Report a post, reply or persona: anyone logged in who may read the group's content
// (lurkers too: reading is taking part).
bool can_report(Privacy privacy, const GroupViewer& viewer);

// A post waiting for a moderator: its author and the group's moderators.
bool can_see_held_post(const GroupViewer& viewer, bool viewer_is_author);
// Why a moderator removed a post: its author and the group's moderators.
bool can_see_removal_explanation(const GroupViewer& viewer, bool viewer_is_author);

// The moderation log's public side (what, and why): whoever may read the group. The full
// log (who acted, on whom, private reasons): the group's moderators.
bool can_read_moderation_log(Privacy privacy, const GroupViewer& viewer);
bool can_read_full_moderation_log(const GroupViewer& viewer);

// Warn, mute or ban a member shown by their persona: the actor must outrank them (a
// moderator acts on members, an admin on moderators too, the owner on anyone but
// themselves).
bool can_sanction_member(const GroupViewer& actor, Role target_role, bool target_is_self);

// Through an anonymous post's handle the moderator doesn't know whom they act on, and must
// not learn it from the answer. A mute or ban the group may apply (a plain member, not the
// actor) takes effect; one on the group's own staff or on the actor goes to the platform
// admins instead, and the moderator sees exactly the same answer either way.
bool handle_sanction_applies(Role target_role, bool target_is_actor);

// Why a new post waits for a moderator, if it does. Moderators' posts never wait.
HoldReason hold_reason(const ModerationSettings& settings, bool author_moderates, bool anonymous,
                       int64_t published_posts);
// Slow mode: how long the author must still wait before posting again (nothing: may post).
std::optional<int64_t> slow_mode_wait_ms(const ModerationSettings& settings, bool author_moderates,
                                         std::optional<UnixMillis> last_post_at, UnixMillis now);

}  // namespace hearth
