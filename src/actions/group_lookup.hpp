#pragma once
// Finding a group as a particular viewer sees it. A hidden group that the viewer may not
// see is reported exactly like a group that does not exist.
#include <optional>
#include <string_view>

#include "actions/environment.hpp"
#include "domain/group.hpp"
#include "policy/group_access.hpp"

namespace hearth {

struct GroupInView {
  Group group;
  GroupViewer viewer;
};

std::optional<GroupInView> find_group_for(const ActionEnvironment& env, std::string_view slug,
                                          std::optional<AccountId> account);
std::optional<GroupInView> find_group_by_id_for(const ActionEnvironment& env, GroupId id,
                                                std::optional<AccountId> account);
// Within a transaction (for actions that must decide and write atomically).
std::optional<GroupInView> find_group_in(Connection& c, GroupId id, std::optional<AccountId> account);

Error group_not_found();

}  // namespace hearth
