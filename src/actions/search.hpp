#pragma once
// Searching posts as a particular viewer: policy/ decides which groups' content the viewer
// may read, store/search.cpp finds and ranks within exactly that.
#include <optional>
#include <string_view>
#include <vector>

#include "actions/environment.hpp"
#include "store/search.hpp"

namespace hearth {

// What `account` (nullopt: a logged-out visitor) may read, as a search scope. Built from
// policy can_read_content() for each privacy level and each of the account's memberships,
// so search has no permission rule of its own.
search::Scope search_scope(Connection& c, std::optional<AccountId> account, std::optional<GroupId> only_group);

// Posts matching every word of `text` that the viewer may read, best first. With
// `only_group`, only that group (nothing at all if the viewer may not read it: a hidden
// group answers exactly like a group without matches).
std::vector<search::Hit> search_posts(const ActionEnvironment& env, std::optional<AccountId> account,
                                      std::string_view text, std::optional<GroupId> only_group, int limit);

}  // namespace hearth
