#pragma once
// The moderation log: what moderators and admins did in a group, to what, and why. Members
// read its public side (what, and the rule or reason published with it); the group's
// moderators read it all. Actor account ids never leave the server: moderators see the
// acting moderator's persona in the group.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "store/database.hpp"

namespace hearth::moderation_log {

void record(Connection& c, GroupId group_id, AccountId actor, std::string_view action, UnixMillis at);

// A moderation action with its target and reasons.
//   target_kind "post" (target_id: post), "handle" (target_id: the anonymous post; handle
//   set — never the author), "persona" (target_id: persona), "thread", "group".
struct NewEntry {
  GroupId group_id = 0;
  AccountId actor = 0;
  std::string action;  // e.g. "post.removed", "member.muted"
  std::string target_kind;
  std::optional<int64_t> target_id;
  std::string handle;
  std::optional<ThreadId> thread_id;
  std::string reason;          // moderators only
  std::optional<int> rule;     // 1-based
  std::string public_summary;  // what members are told, e.g. "Breaks rule 2: No medical advice."
  UnixMillis at = 0;
};
void record(Connection& c, const NewEntry& entry);

// One line of the log. `full` reads fill the moderator-only fields; public reads leave
// them empty (they are never selected).
struct Line {
  UnixMillis at = 0;
  std::string action;
  std::string public_summary;
  // Moderators only:
  std::string actor_name;   // the acting moderator's persona in the group
  std::string target_kind;
  std::optional<int64_t> target_id;
  std::string target_name;  // a persona target's name
  std::string handle;
  std::optional<ThreadId> thread_id;
  std::string reason;
  std::optional<int> rule;
};
inline constexpr int max_log_page = 200;
// Newest first; `before`: only lines older than this time. Public reads return only lines
// with a public summary (the rest are the moderators' own).
std::vector<Line> recent(Connection& c, GroupId group_id, bool full, std::optional<UnixMillis> before, int limit);

// For the transparency card: how many distinct moderators, admins or owners acted since
// `since`, and in which hours of the day (UTC, 0–23) they acted.
struct Activity {
  int64_t active_moderators = 0;
  int64_t actions = 0;
  int64_t actions_by_utc_hour[24] = {};  // when in the day they act (0 = 00:00–00:59 UTC)
};
Activity activity_since(Connection& c, GroupId group_id, UnixMillis since);

}  // namespace hearth::moderation_log
