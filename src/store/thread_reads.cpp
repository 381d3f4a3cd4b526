#include "store/thread_reads.hpp"

#include <algorithm>

namespace hearth::thread_reads {

std::optional<ReadState> find(Connection& c, AccountId account, ThreadId thread_id) {
  return c.first<ReadState>(
      "SELECT seen_post_count, following FROM thread_reads WHERE account_id = ? AND thread_id = ?",
      {account, thread_id}, [](const Row& r) {
        return ReadState{r.i64(0), r.i64(1) != 0};
      });
}

std::optional<PostMark> first_unseen(Connection& c, ThreadId thread_id, int64_t seen_post_count) {
  const auto count = c.first_i64("SELECT post_count FROM threads WHERE id = ?", {thread_id});
  if (!count || seen_post_count < 0 || *count <= seen_post_count) return std::nullopt;
  // Counted from the newest end: what is unread is usually a few posts, what is read many.
  // post_count counts published posts, so posts waiting for a moderator are not counted here.
  return c.first<PostMark>(
      "SELECT created_at, id FROM posts WHERE thread_id = ? AND held_at IS NULL"
      " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET ?",
      {thread_id, *count - seen_post_count - 1}, [](const Row& r) { return PostMark{r.i64(0), r.i64(1)}; });
}

void mark_seen(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, int64_t seen, UnixMillis at) {
  c.run(
      "INSERT INTO thread_reads (account_id, thread_id, group_id, seen_post_count, following, updated_at)"
      " VALUES (?, ?, ?, ?, 0, ?) ON CONFLICT (account_id, thread_id) DO UPDATE SET"
      " seen_post_count = CASE WHEN thread_reads.seen_post_count < excluded.seen_post_count"
      "  THEN excluded.seen_post_count ELSE thread_reads.seen_post_count END,"
      " updated_at = excluded.updated_at",
      {account, thread_id, group_id, seen, at});
}

void set_following(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, bool following,
                   UnixMillis at) {
  c.run(
      "INSERT INTO thread_reads (account_id, thread_id, group_id, seen_post_count, following, updated_at)"
      " VALUES (?, ?, ?, 0, ?, ?) ON CONFLICT (account_id, thread_id) DO UPDATE SET"
      " following = excluded.following, updated_at = excluded.updated_at",
      {account, thread_id, group_id, int64_t{following}, at});
}

std::vector<AccountId> followers(Connection& c, ThreadId thread_id) {
  return c.all<AccountId>("SELECT account_id FROM thread_reads WHERE thread_id = ? AND following = 1", {thread_id},
                          [](const Row& r) { return r.i64(0); });
}

std::vector<FeedEntry> feed(Connection& c, AccountId account, const std::vector<GroupId>& group_ids, UnixMillis since,
                            int limit) {
  limit = std::clamp(limit, 1, max_feed_size);
  // One bounded query per group on threads_recent (group_id, last_activity_at, id), merged
  // here: each reads at most the group's threads active since `since`, and the statement
  // text stays the same whatever the number of groups.
  std::vector<FeedEntry> entries;
  for (const GroupId group_id : group_ids) {
    auto some = c.all<FeedEntry>(
        "SELECT t.id, t.group_id, g.slug, g.name,"
        " CASE WHEN op.deleted_at IS NULL THEN t.title ELSE '' END, t.post_count,"
        " t.post_count - COALESCE(r.seen_post_count, 0), COALESCE(r.following, 0), t.last_activity_at"
        " FROM threads t JOIN support_groups g ON g.id = t.group_id JOIN posts op ON op.id = t.opening_post_id"
        " LEFT JOIN thread_reads r ON r.account_id = ? AND r.thread_id = t.id"
        " WHERE t.group_id = ? AND t.last_activity_at >= ? AND t.post_count > COALESCE(r.seen_post_count, 0)"
        // Muted threads and groups (store/mutes.hpp) leave the feed.
        " AND NOT EXISTS (SELECT 1 FROM thread_mutes tm WHERE tm.account_id = ? AND tm.thread_id = t.id)"
        " AND NOT EXISTS (SELECT 1 FROM group_mutes gm WHERE gm.account_id = ? AND gm.group_id = t.group_id)"
        // Nor conversations started under a name a block stands between (never an anonymous
        // one: docs/blocking.md), whose titles are their opening posts'.
        " AND (op.anonymous = 1 OR NOT EXISTS (SELECT 1 FROM persona_blocks b WHERE"
        "  (b.blocker_account_id = ? AND b.blocked_persona_id = op.author_persona_id)"
        "  OR (b.blocked_account_id = ? AND b.blocker_persona_id = op.author_persona_id)))"
        " ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?",
        {account, group_id, since, account, account, account, account, int64_t{limit}}, [](const Row& r) {
          return FeedEntry{r.i64(0), r.i64(1), r.text(2),     r.text(3), r.text(4),
                           r.i64(5), r.i64(6), r.i64(7) != 0, r.i64(8)};
        });
    entries.insert(entries.end(), std::make_move_iterator(some.begin()), std::make_move_iterator(some.end()));
  }
  std::sort(entries.begin(), entries.end(), [](const FeedEntry& a, const FeedEntry& b) {
    return std::pair(a.last_activity_at, a.thread_id) > std::pair(b.last_activity_at, b.thread_id);
  });
  if (entries.size() > static_cast<std::size_t>(limit)) entries.resize(static_cast<std::size_t>(limit));
  return entries;
}

}  // namespace hearth::thread_reads
