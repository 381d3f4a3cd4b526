#include "actions/reading.hpp"

#include "actions/conversations.hpp"
#include "store/search.hpp"

namespace hearth {

Status do_follow_thread(const ActionEnvironment& env, AccountId account, ThreadId thread_id, bool follow) {
  return account_changed_if_done(*env.changes, account, env.store.write([&](Connection& c) -> Status {
    auto found = find_thread_in(c, thread_id, account);
    if (!found) return thread_not_found();
    if (!can_participate(found->group.group.privacy, found->group.viewer)) {
      return participation_refused(found->group.viewer);
    }
    thread_reads::set_following(c, account, thread_id, found->thread.group_id, follow, env.clock.now());
    return success();
  }));
}

Status do_mark_thread_read(const ActionEnvironment& env, AccountId account, ThreadId thread_id) {
  // The member's unread count (GET /api/v1/me/events) drops at once, in every tab.
  return account_changed_if_done(*env.changes, account, env.store.write([&](Connection& c) -> Status {
    auto found = find_thread_in(c, thread_id, account);
    if (!found) return thread_not_found();
    thread_reads::mark_seen(c, account, thread_id, found->thread.group_id, found->thread.post_count, env.clock.now());
    return success();
  }));
}

std::vector<thread_reads::FeedEntry> read_home_feed(const ActionEnvironment& env, AccountId account, int limit,
                                                    int days) {
  const UnixMillis since = env.clock.now() - int64_t{days} * 24 * 3600 * 1000;
  return env.store.read([&](Connection& c) {
    // The account's groups, each passed through policy: only those whose content it may
    // read as a member feed the home page.
    std::vector<GroupId> readable;
    for (const auto& mine : search::memberships_of(c, account)) {
      const GroupViewer viewer{account, mine.membership};
      if (is_active_member(viewer) && can_read_content(mine.privacy, viewer))
        readable.push_back(mine.membership.group_id);
    }
    return thread_reads::feed(c, account, readable, since, limit);
  });
}

}  // namespace hearth
