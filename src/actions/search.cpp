#include "actions/search.hpp"

#include "actions/group_lookup.hpp"
#include "policy/group_access.hpp"

namespace hearth {

search::Scope search_scope(Connection& c, std::optional<AccountId> account, std::optional<GroupId> only_group) {
  search::Scope scope;
  // Levels readable without any membership (today: public), asked of policy rather than
  // assumed here.
  const GroupViewer outsider{account, std::nullopt};
  for (const Privacy privacy : {Privacy::public_group, Privacy::private_group, Privacy::hidden_group}) {
    if (can_read_content(privacy, outsider)) scope.open_privacies.push_back(privacy);
  }
  // Each membership (any status) may open a group up (an active member of a private
  // group) or close it (a banned member of a public group).
  if (account) {
    for (const auto& mine : search::memberships_of(c, *account)) {
      const GroupViewer viewer{account, mine.membership};
      const bool readable = can_read_content(mine.privacy, viewer);
      const bool open_anyway = can_read_content(mine.privacy, outsider);
      if (readable && !open_anyway) scope.member_groups.push_back(mine.membership.group_id);
      if (!readable && open_anyway) scope.excluded_groups.push_back(mine.membership.group_id);
    }
  }
  scope.only_group = only_group;
  scope.viewer = account.value_or(0);  // blocks (docs/blocking.md)
  return scope;
}

std::vector<search::Hit> search_posts(const ActionEnvironment& env, std::optional<AccountId> account,
                                      std::string_view text, std::optional<GroupId> only_group, int limit) {
  return env.store.read([&](Connection& c) -> std::vector<search::Hit> {
    if (only_group) {
      const auto group = find_group_in(c, *only_group, account);
      if (!group || !can_read_content(group->group.privacy, group->viewer)) return {};
    }
    return search::query(c, search_scope(c, account, only_group), text, limit);
  });
}

}  // namespace hearth
