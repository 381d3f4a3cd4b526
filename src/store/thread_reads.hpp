#pragma once
// What a member has read and which threads they follow (lurking is participation: unread
// markers, follow, and the home feed of recent activity across their groups).
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "store/database.hpp"

namespace hearth::thread_reads {

struct ReadState {
  int64_t seen_post_count = 0;
  bool following = false;
};
std::optional<ReadState> find(Connection& c, AccountId account, ThreadId thread_id);

// Records that the account has seen `seen_post_count` posts (never moves backwards).
void mark_seen(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, int64_t seen_post_count,
               UnixMillis at);
void set_following(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, bool following,
                   UnixMillis at);

// Followers of a thread (for notifications, which actions send after commit).
std::vector<AccountId> followers(Connection& c, ThreadId thread_id);

// The home feed: threads of the given groups active since `since`, with posts the account
// hasn't seen, most recent activity first. `group_ids` are the groups the caller has
// established (through policy) that the account may read; nothing else is consulted.
struct FeedEntry {
  ThreadId thread_id = 0;
  GroupId group_id = 0;
  std::string group_slug;
  std::string group_name;
  std::string title;  // empty when the opening post was removed by its author
  int64_t post_count = 0;
  int64_t unread = 0;
  bool following = false;
  UnixMillis last_activity_at = 0;
};
inline constexpr int max_feed_size = 100;
std::vector<FeedEntry> feed(Connection& c, AccountId account, const std::vector<GroupId>& group_ids, UnixMillis since,
                            int limit);

}  // namespace hearth::thread_reads
