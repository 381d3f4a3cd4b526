#pragma once
// What a member has read and which threads they follow (lurking is participation: unread
// markers, follow, and the home feed of recent activity across their groups).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "domain/conversation.hpp"
#include "store/database.hpp"

namespace hearth::thread_reads {

struct ReadState {
  int64_t seen_post_count = 0;
  bool following = false;
};
std::optional<ReadState> find(Connection& c, AccountId account, ThreadId thread_id);

// A post's place in the order its thread's posts were written (created_at, then id): the
// order in which `seen_post_count` counts posts as read.
struct PostMark {
  UnixMillis created_at = 0;
  PostId id = 0;
  friend bool operator<=(const PostMark& a, const PostMark& b) {
    return std::pair(a.created_at, a.id) <= std::pair(b.created_at, b.id);
  }
};
// Where what a member hasn't read begins: the first post after the first `seen_post_count`
// of the thread, in the order they were written. Nothing when every post is seen. Reads
// the thread's post count in the same snapshot as its posts, so a reply that lands
// meanwhile can't shift the mark.
std::optional<PostMark> first_unseen(Connection& c, ThreadId thread_id, int64_t seen_post_count);

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
