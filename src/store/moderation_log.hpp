#pragma once
// The moderation log: who acted in a group, and when (actor ids never leave the server).
#include <string_view>

#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "store/database.hpp"

namespace hearth::moderation_log {

void record(Connection& c, GroupId group_id, AccountId actor, std::string_view action, UnixMillis at);

// For the transparency card: how many distinct moderators, admins or owners acted since
// `since`, and in which hours of the day (UTC, 0–23) they acted.
struct Activity {
  int64_t active_moderators = 0;
  int64_t actions = 0;
  bool hours[24] = {};
};
Activity activity_since(Connection& c, GroupId group_id, UnixMillis since);

}  // namespace hearth::moderation_log
