#include "store/mutes.hpp"

namespace hearth::mutes {

bool mute_thread(Connection& c, AccountId account, ThreadId thread_id, GroupId group_id, UnixMillis at) {
  c.run(
      "INSERT INTO thread_mutes (account_id, thread_id, group_id, created_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (account_id, thread_id) DO NOTHING",
      {account, thread_id, group_id, at});
  return c.changes() > 0;
}

bool unmute_thread(Connection& c, AccountId account, ThreadId thread_id) {
  c.run("DELETE FROM thread_mutes WHERE account_id = ? AND thread_id = ?", {account, thread_id});
  return c.changes() > 0;
}

bool mute_group(Connection& c, AccountId account, GroupId group_id, UnixMillis at) {
  c.run(
      "INSERT INTO group_mutes (account_id, group_id, created_at) VALUES (?, ?, ?)"
      " ON CONFLICT (account_id, group_id) DO NOTHING",
      {account, group_id, at});
  return c.changes() > 0;
}

bool unmute_group(Connection& c, AccountId account, GroupId group_id) {
  c.run("DELETE FROM group_mutes WHERE account_id = ? AND group_id = ?", {account, group_id});
  return c.changes() > 0;
}

bool thread_muted(Connection& c, AccountId account, ThreadId thread_id) {
  return c.first_i64("SELECT 1 FROM thread_mutes WHERE account_id = ? AND thread_id = ?", {account, thread_id})
      .has_value();
}

bool group_muted(Connection& c, AccountId account, GroupId group_id) {
  return c.first_i64("SELECT 1 FROM group_mutes WHERE account_id = ? AND group_id = ?", {account, group_id})
      .has_value();
}

std::vector<GroupId> muted_groups(Connection& c, AccountId account) {
  return c.all<GroupId>("SELECT group_id FROM group_mutes WHERE account_id = ?", {account},
                        [](const Row& r) { return r.i64(0); });
}

std::vector<MutedThread> muted_thread_list(Connection& c, AccountId account) {
  return c.all<MutedThread>(
      "SELECT thread_id, group_id, created_at FROM thread_mutes WHERE account_id = ?"
      " ORDER BY created_at DESC, thread_id",
      {account}, [](const Row& r) { return MutedThread{r.i64(0), r.i64(1), r.i64(2)}; });
}

std::vector<MutedGroup> muted_group_list(Connection& c, AccountId account) {
  return c.all<MutedGroup>(
      "SELECT group_id, created_at FROM group_mutes WHERE account_id = ? ORDER BY created_at DESC, group_id",
      {account}, [](const Row& r) { return MutedGroup{r.i64(0), r.i64(1)}; });
}

}  // namespace hearth::mutes
