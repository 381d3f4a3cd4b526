#pragma once
// Muted threads and groups (migrations/0013_blocks_and_mutes.sql): private to the member. A
// muted thread, or every thread of a muted group, leaves the member's home feed and their
// unread counts (store/memberships groups_of, store/thread_reads feed); the thread and the
// group still open as before. Nobody else can tell.
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::mutes {

// Each returns whether anything changed (muting twice, or unmuting what isn't muted, doesn't).
bool mute_thread(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, UnixMillis at);
bool unmute_thread(Connection& c, AccountId account, ThreadId thread_id);
bool mute_group(Connection& c, AccountId account, GroupId group_id, UnixMillis at);
bool unmute_group(Connection& c, AccountId account, GroupId group_id);

bool thread_muted(Connection& c, AccountId account, ThreadId thread_id);
bool group_muted(Connection& c, AccountId account, GroupId group_id);
// The groups the account has muted (for the home feed, which reads group by group).
std::vector<GroupId> muted_groups(Connection& c, AccountId account);

// The member's lists for /settings/muted, newest first. Rows carry ids only: the caller looks
// each up through policy and names only what the member may still read.
struct MutedThread {
  ThreadId thread_id = 0;
  GroupId group_id = 0;
  UnixMillis muted_at = 0;
};
struct MutedGroup {
  GroupId group_id = 0;
  UnixMillis muted_at = 0;
};
std::vector<MutedThread> muted_thread_list(Connection& c, AccountId account);
std::vector<MutedGroup> muted_group_list(Connection& c, AccountId account);

}  // namespace hearth::mutes
