#pragma once
// What the group, membership and persona endpoints share: finding the group named in the
// path as the caller sees it (a hidden group answers exactly like a missing one), the JSON
// shapes of groups and personas, and reading the fields their bodies use. No shape here
// ever carries an account id or a login name.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <vector>

#include "actions/group_lookup.hpp"
#include "actions/groups.hpp"
#include "api/endpoint.hpp"
#include "core/result.hpp"

namespace hearth {

// The group at {slug} for the caller, or nothing (answer with group_not_found_json()).
std::optional<GroupInView> api_group(const ActionEnvironment& env, const ApiCall& call);
Response group_not_found_json();
std::optional<int64_t> api_id(std::string_view text);
std::optional<int64_t> path_id(const ApiCall& call, std::string_view name);

boost::json::array string_array(const std::vector<std::string>& items);
// Directory entries: what anyone who may see the group may know.
boost::json::object group_summary_json(const Group& group, int64_t member_count);
// The group page's information for this caller: summary, rules, questions, transparency
// card, the group's services, the about text (for those who may read content) and the
// caller's own standing.
boost::json::object group_detail_json(const ActionEnvironment& env, const GroupInView& view);
boost::json::object persona_ref(PersonaId id, const std::string& name);

// Body fields.
Result<bool> bool_field(const boost::json::object& body, std::string_view name, bool fallback);
// An array of strings, each at most max_chars; absent → nothing.
Result<std::optional<std::vector<std::string>>> string_list_field(const boost::json::object& body,
                                                                  std::string_view name, std::size_t max_items,
                                                                  std::size_t max_chars);
// A whole number; absent or null → nothing.
Result<std::optional<int>> int_field(const boost::json::object& body, std::string_view name);
// {"persona_name": "…"} or {"reuse_persona_id": "…"}: the pseudonym to use in a group.
Result<PersonaChoice> persona_choice_field(const boost::json::object& body);

}  // namespace hearth
