#include "actions/group_lookup.hpp"

#include "store/groups.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

std::optional<GroupInView> with_viewer(Connection& c, std::optional<Group> group, std::optional<AccountId> account) {
  if (!group) return std::nullopt;
  GroupInView view{std::move(*group), GroupViewer{account, std::nullopt}};
  // The viewer's own standing, bans through an anonymous post's handle included: every page,
  // API call and live stream that asks what this viewer may do asks here.
  if (account) view.viewer.membership = memberships::find_own(c, view.group.id, *account);
  if (!can_see_group(view.group.privacy, view.viewer)) return std::nullopt;
  return view;
}

}  // namespace

Error group_not_found() {
  return make_error(ErrorCode::not_found, "We couldn't find that group. It may have moved, or the link may be mistyped.");
}

std::optional<GroupInView> find_group_for(const ActionEnvironment& env, std::string_view slug,
                                          std::optional<AccountId> account) {
  if (slug.empty() || slug.size() > 100) return std::nullopt;
  return env.store.read([&](Connection& c) { return with_viewer(c, groups::find_by_slug(c, slug), account); });
}

std::optional<GroupInView> find_group_by_id_for(const ActionEnvironment& env, GroupId id,
                                                std::optional<AccountId> account) {
  return env.store.read([&](Connection& c) { return find_group_in(c, id, account); });
}

std::optional<GroupInView> find_group_in(Connection& c, GroupId id, std::optional<AccountId> account) {
  return with_viewer(c, groups::find(c, id), account);
}

}  // namespace hearth
