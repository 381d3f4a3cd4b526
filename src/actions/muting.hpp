#pragma once
// Muting a thread or a whole group (docs/blocking.md): private to the member. A muted thread,
// or every thread of a muted group, leaves the member's home feed and unread counts (the home
// page, GET /api/v1/me/events, GET /api/v1/me/groups); the thread still opens and reads as
// before. Nobody else can tell: no notification, no log, no count anyone else sees.
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "domain/group.hpp"

namespace hearth {

// Anyone logged in who may read the thread (or the group); a thread or group they can't read
// is "not found".
Status do_mute_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id, bool mute);
Status do_mute_group(const ActionEnvironment& env, AccountId account, GroupId group_id, bool mute);

// Lifting one's own mute from the settings list needs no access to the thread or group any
// more (a member who left can still tidy their list); nothing to lift is fine.
Status do_unmute_own_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id);
Status do_unmute_own_group(const ActionEnvironment& env, AccountId account, GroupId group_id);

struct MuteState {
  bool thread_muted = false;
  bool group_muted = false;
};
MuteState read_mute_state(const ActionEnvironment& env, AccountId account, GroupId group_id,
                          ThreadId thread_id = 0);

// The member's muted threads and groups for /settings/muted and the API, newest first. A
// thread or group the member may no longer read is listed without its title or name.
struct MutedItem {
  int64_t id = 0;          // thread or group id
  std::string title;       // thread title or group name; empty when no longer readable
  std::string group_slug;  // for links; empty when no longer readable
  std::string group_name;
  UnixMillis muted_at = 0;
};
struct MutedLists {
  std::vector<MutedItem> threads;
  std::vector<MutedItem> groups;
};
MutedLists read_mutes(const ActionEnvironment& env, AccountId account);

}  // namespace hearth
