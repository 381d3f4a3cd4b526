#include "actions/muting.hpp"

#include "actions/conversations.hpp"
#include "actions/group_lookup.hpp"
#include "actions/transaction.hpp"
#include "store/mutes.hpp"

namespace hearth {

Status do_mute_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id, bool mute) {
  // The unread count (GET /api/v1/me/events) changes at once, in every tab.
  return account_changed_if_done(*env.changes, account, write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = find_thread_in(c, thread_id, account);
    if (!found) return thread_not_found();
    if (mute) mutes::mute_thread(c, account, thread_id, found->thread.group_id, env.clock.now());
    else mutes::unmute_thread(c, account, thread_id);
    return success();
  }));
}

Status do_mute_group(const ActionEnvironment& env, AccountId account, GroupId group_id, bool mute) {
  return account_changed_if_done(*env.changes, account, write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto group = find_group_in(c, group_id, account);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
    if (mute) mutes::mute_group(c, account, group_id, env.clock.now());
    else mutes::unmute_group(c, account, group_id);
    return success();
  }));
}

Status do_unmute_own_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id) {
  env.store.write([&](Connection& c) { mutes::unmute_thread(c, account, thread_id); });
  env.changes->account_changed(account);
  return success();
}

Status do_unmute_own_group(const ActionEnvironment& env, AccountId account, GroupId group_id) {
  env.store.write([&](Connection& c) { mutes::unmute_group(c, account, group_id); });
  env.changes->account_changed(account);
  return success();
}

MuteState read_mute_state(const ActionEnvironment& env, AccountId account, GroupId group_id, ThreadId thread_id) {
  return env.store.read([&](Connection& c) {
    return MuteState{thread_id != 0 && mutes::thread_muted(c, account, thread_id),
                     mutes::group_muted(c, account, group_id)};
  });
}

MutedLists read_mutes(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) {
    MutedLists lists;
    for (const auto& m : mutes::muted_thread_list(c, account)) {
      MutedItem item{.id = m.thread_id, .muted_at = m.muted_at};
      // Named only while the member may read it (policy, through find_thread_in).
      if (auto found = find_thread_in(c, m.thread_id, account)) {
        item.title = found->thread.title;
        item.group_slug = found->group.group.slug;
        item.group_name = found->group.group.name;
      }
      lists.threads.push_back(std::move(item));
    }
    for (const auto& m : mutes::muted_group_list(c, account)) {
      MutedItem item{.id = m.group_id, .muted_at = m.muted_at};
      if (auto group = find_group_in(c, m.group_id, account); group && can_see_group(group->group.privacy, group->viewer)) {
        item.title = group->group.name;
        item.group_slug = group->group.slug;
        item.group_name = group->group.name;
      }
      lists.groups.push_back(std::move(item));
    }
    return lists;
  });
}

}  // namespace hearth
