#include "policy/group_access.hpp"
#include "api/group_json.hpp"

#include <fmt/format.h>

#include <charconv>

#include "api/json_io.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "store/verifications.hpp"
#include "store/moderation_log.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

constexpr int64_t thirty_days_ms = int64_t{30} * 24 * 3600 * 1000;

std::string_view join_path_name(JoinPath path) {
  switch (path) {
    case JoinPath::none: return "none";
    case JoinPath::join_directly: return "join_directly";
    case JoinPath::request: return "request";
    case JoinPath::invite_only: return "invite_only";
    case JoinPath::already_member: return "already_member";
    case JoinPath::pending: return "pending";
    case JoinPath::banned: return "banned";
  }
  return "none";
}

Error field_error(std::string_view name, std::string message) {
  return make_error(ErrorCode::invalid_input, std::move(message), std::string(name));
}

}  // namespace

std::optional<GroupInView> api_group(const ActionEnvironment& env, const ApiCall& call) {
  std::optional<AccountId> account;
  if (call.viewer) account = call.viewer->account.id;
  return find_group_for(env, call.request.param("slug").value_or(""), account);
}

Response group_not_found_json() { return json_error(group_not_found()); }

std::optional<int64_t> api_id(std::string_view text) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::optional<int64_t> path_id(const ApiCall& call, std::string_view name) {
  return api_id(call.request.param(name).value_or(""));
}

boost::json::array string_array(const std::vector<std::string>& items) {
  boost::json::array array;
  for (const auto& item : items) array.emplace_back(item);
  return array;
}

boost::json::object group_summary_json(const Group& g, int64_t member_count) {
  boost::json::object json{{"slug", g.slug},
          {"name", g.name},
          {"description", g.description},
          {"privacy", privacy_name(g.privacy)},
          {"privacy_explained", privacy_explained(g.privacy)},
          {"region", g.region},
          {"languages", string_array(g.languages)},
          {"topics", string_array(g.topics)},
          {"url", "/g/" + g.slug}};
  if (shows_member_count(g.privacy)) json["member_count"] = member_count;
  return json;
}

boost::json::object persona_ref(PersonaId id, const std::string& name) {
  return {{"id", std::to_string(id)}, {"name", name}};
}

// Members whose persona in the group shows a verified badge (hidden badges are not counted).
static boost::json::object verified_json(const verifications::BadgeCounts& counts) {
  return {{"health_professionals", counts.health_professionals}, {"peer_volunteers", counts.peer_volunteers}};
}

boost::json::object group_detail_json(const ActionEnvironment& env, const GroupInView& view) {
  const Group& g = view.group;
  const GroupViewer& viewer = view.viewer;
  const UnixMillis since = env.clock.now() - thirty_days_ms;
  return env.store.read([&](Connection& c) {
    boost::json::object json = group_summary_json(g, memberships::count_active(c, g.id));
    json["anonymous_posting"] = g.anonymous_posting;
    json["search_indexable"] = g.search_indexable;
    json["rules"] = string_array(groups::rules(c, g.id));
    json["questions"] = string_array(groups::questions(c, g.id));
    const auto activity = moderation_log::activity_since(c, g.id, since);
    json["transparency"] = {{"moderated", activity.active_moderators > 0},
                            {"active_moderators_30_days", activity.active_moderators},
                            {"trained_volunteers", memberships::count_volunteers(c, g.id)},
                            {"verified_professionals", verified_json(verifications::count_in_group(c, g.id))},
                            {"anonymous_posting", g.anonymous_posting},
                            {"privacy_explained", privacy_explained(g.privacy)}};
    boost::json::array services;
    for (const auto& s : groups::services(c, g.id)) {
      services.push_back({{"id", std::to_string(s.id)}, {"name", s.name}, {"phone", s.phone},
                          {"website", s.website}, {"description", s.description}});
    }
    json["services"] = std::move(services);
    if (can_read_content(g.privacy, viewer)) json["about"] = g.about;
    boost::json::object me{{"join", join_path_name(join_path(g.privacy, viewer))},
                           {"can_read_content", can_read_content(g.privacy, viewer)},
                           {"can_participate", can_participate(g.privacy, viewer)},
                           {"can_moderate", can_moderate(viewer)},
                           {"can_manage", can_manage(viewer)},
                           {"membership", nullptr}};
    if (viewer.membership) {
      const Membership& m = *viewer.membership;
      const auto persona = personas::find(c, m.persona_id);
      me["membership"] = {{"status", membership_status_name(m.status)},
                          {"role", role_name(m.role)},
                          {"trained_volunteer", m.trained_volunteer},
                          {"persona", persona_ref(m.persona_id, persona ? persona->name : "")},
                          {"decision_reason", m.decision_reason}};
    }
    json["viewer"] = std::move(me);
    return json;
  });
}

Result<bool> bool_field(const boost::json::object& body, std::string_view name, bool fallback) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) return fallback;
  if (!value->is_bool()) return field_error(name, fmt::format("\"{}\" must be true or false.", name));
  return value->as_bool();
}

Result<std::optional<std::vector<std::string>>> string_list_field(const boost::json::object& body,
                                                                  std::string_view name, std::size_t max_items,
                                                                  std::size_t max_chars) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) return std::optional<std::vector<std::string>>();
  if (!value->is_array()) return field_error(name, fmt::format("\"{}\" must be a list of strings.", name));
  const auto& array = value->as_array();
  if (array.size() > max_items) {
    return field_error(name, fmt::format("\"{}\" can have at most {} entries.", name, max_items));
  }
  std::vector<std::string> items;
  for (const auto& item : array) {
    if (!item.is_string()) return field_error(name, fmt::format("\"{}\" must be a list of strings.", name));
    boost::json::object one{{"item", item}};
    auto text = string_field(one, "item", max_chars, true);
    if (!text) return field_error(name, fmt::format("Each entry of \"{}\" can have at most {} characters of text.", name, max_chars));
    items.push_back(std::move(*text));
  }
  return std::optional<std::vector<std::string>>(std::move(items));
}

Result<std::optional<int>> int_field(const boost::json::object& body, std::string_view name) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) return std::optional<int>();
  if (value->is_int64() && value->as_int64() >= -1'000'000 && value->as_int64() <= 1'000'000) {
    return std::optional<int>(static_cast<int>(value->as_int64()));
  }
  if (value->is_uint64() && value->as_uint64() <= 1'000'000) {
    return std::optional<int>(static_cast<int>(value->as_uint64()));
  }
  return field_error(name, fmt::format("\"{}\" must be a whole number.", name));
}

Result<PersonaChoice> persona_choice_field(const boost::json::object& body) {
  PersonaChoice choice;
  auto reuse = string_field(body, "reuse_persona_id", 20, false);
  if (!reuse) return reuse.error();
  if (!reuse->empty()) {
    choice.reuse = api_id(*reuse);
    if (!choice.reuse) return field_error("reuse_persona_id", "Please choose one of your own personas.");
    return choice;
  }
  auto name = string_field(body, "persona_name", 100, false);
  if (!name) return name.error();
  choice.new_name = *name;
  return choice;
}

}  // namespace hearth
