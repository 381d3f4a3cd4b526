// Groups: GET/POST /api/v1/groups (directory, create), GET/PATCH /api/v1/groups/{slug},
// GET /api/v1/groups/{slug}/members, POST/DELETE /api/v1/groups/{slug}/services[/{id}].
#include <boost/json.hpp>

#include "actions/blocking.hpp"
#include "actions/groups.hpp"
#include "actions/verification.hpp"
#include "api/badge_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/text.hpp"
#include "domain/country.hpp"
#include "domain/language.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

Response directory(const ActionEnvironment& env, ApiCall& call) {
  const Request& r = call.request;
  groups::DirectoryFilter filter;
  filter.query = std::string(trim(r.query_value("q").value_or("")));
  filter.topic = to_lower_ascii(trim(r.query_value("topic").value_or("")));
  if (!is_valid_utf8(filter.query) || utf8_length(filter.query) > 100 || !is_valid_utf8(filter.topic) ||
      utf8_length(filter.topic) > max_topic_length) {
    return json_error(make_error(ErrorCode::invalid_input, "The search words are too long.", "q"));
  }
  if (const auto region = r.query_value("region"); region && !region->empty()) {
    const Country* country = find_country(*region);
    if (!country) return json_error(make_error(ErrorCode::invalid_input, "Unknown region: use a two-letter country code such as GB.", "region"));
    filter.region = std::string(country->code);
  }
  if (const auto language = r.query_value("language"); language && !language->empty()) {
    const Language* found = find_language(*language);
    if (!found) return json_error(make_error(ErrorCode::invalid_input, "Unknown language code.", "language"));
    filter.language = std::string(found->code);
  }
  if (const auto limit = r.query_value("limit")) {
    const auto n = api_id(*limit);
    if (!n || *n > 100) return json_error(make_error(ErrorCode::invalid_input, "\"limit\" must be 1 to 100.", "limit"));
    filter.limit = static_cast<int>(*n);
  }
  const auto entries = env.store.read([&](Connection& c) { return groups::directory(c, filter); });
  boost::json::array items;
  for (const auto& entry : entries) items.push_back(group_summary_json(entry.group, entry.member_count));
  return json_response(200, {{"groups", items}});
}

// Reads the draft fields present in `body` over `draft` (all of them for a new group).
Result<GroupDraft> draft_from_json(const boost::json::object& body, GroupDraft draft) {
  struct TextField {
    const char* name;
    std::string* target;
    std::size_t max;
  };
  for (const TextField& f : {TextField{"name", &draft.name, 1000}, TextField{"description", &draft.description, 1000},
                             TextField{"privacy", &draft.privacy, 20}, TextField{"region", &draft.region, 8}}) {
    auto value = string_field(body, f.name, f.max, false, *f.target);
    if (!value) return value.error();
    *f.target = std::move(*value);
  }
  // "about" is Markdown: line breaks are welcome, so it skips string_field's control check.
  if (const auto* about = body.if_contains("about"); about && !about->is_null()) {
    if (!about->is_string()) return make_error(ErrorCode::invalid_input, "\"about\" must be a string.", "about");
    draft.about = std::string(about->as_string());
  }
  struct ListField {
    const char* name;
    std::vector<std::string>* target;
    std::size_t max_items, max_chars;
  };
  for (const ListField& f : {ListField{"languages", &draft.languages, 50, 16},
                             ListField{"topics", &draft.topics, 50, 100},
                             ListField{"rules", &draft.rules, 100, 2000},
                             ListField{"questions", &draft.questions, 50, 2000}}) {
    auto value = string_list_field(body, f.name, f.max_items, f.max_chars);
    if (!value) return value.error();
    if (*value) *f.target = std::move(**value);
  }
  auto anonymous = bool_field(body, "anonymous_posting", draft.anonymous_posting);
  if (!anonymous) return anonymous.error();
  draft.anonymous_posting = *anonymous;
  auto indexable = bool_field(body, "search_indexable", draft.search_indexable);
  if (!indexable) return indexable.error();
  draft.search_indexable = *indexable;
  return draft;
}

Response create(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  GroupDraft defaults;
  defaults.privacy = "public";
  auto draft = draft_from_json(*body, defaults);
  if (!draft) return json_error(draft.error());
  auto persona = persona_choice_field(*body);
  if (!persona) return json_error(persona.error());
  auto group = do_create_group(env, call.viewer->account.id, *draft, *persona);
  if (!group) return json_error(group.error());
  const auto view = find_group_by_id_for(env, group->id, call.viewer->account.id);
  if (!view) return group_not_found_json();
  Response response = json_response(201, group_detail_json(env, *view));
  response.set_header("Location", "/api/v1/groups/" + group->slug);
  return response;
}

Response show(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  return json_response(200, group_detail_json(env, *view));
}

Response update(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const Group& g = view->group;
  GroupDraft current{g.name, g.description, g.about, std::string(privacy_name(g.privacy)), g.region, g.languages,
                     g.topics, {}, {}, g.anonymous_posting, g.search_indexable};
  env.store.read([&](Connection& c) {
    current.rules = groups::rules(c, g.id);
    current.questions = groups::questions(c, g.id);
  });
  auto draft = draft_from_json(*body, current);
  if (!draft) return json_error(draft.error());
  auto updated = do_update_group(env, call.viewer->account.id, g.id, *draft);
  if (!updated) return json_error(updated.error());
  const auto fresh = find_group_by_id_for(env, g.id, call.viewer->account.id);
  if (!fresh) return group_not_found_json();
  return json_response(200, group_detail_json(env, *fresh));
}

Response members(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  if (!can_read_content(view->group.privacy, view->viewer)) {
    return json_error(make_error(ErrorCode::forbidden, "Only members can see who belongs to this group."));
  }
  auto list = env.store.read([&](Connection& c) { return memberships::active_members(c, view->group.id, 1000); });
  // Blocks, both ways (docs/blocking.md): neither is listed to the other.
  if (call.viewer) drop_blocked_members(list, read_block_set(env, call.viewer->account.id));
  const auto badges = read_group_badges(env, view->group.id);
  boost::json::array items;
  for (const auto& m : list) {
    items.push_back({{"persona", persona_ref(m.persona_id, m.persona_name)},
                     {"role", role_name(m.role)},
                     {"trained_volunteer", m.trained_volunteer}});
    if (const auto b = badges.find(m.persona_id); b != badges.end()) {
      items.back().as_object()["verified_badge"] = verified_badge_json(b->second);
    } else {
      items.back().as_object()["verified_badge"] = nullptr;
    }
  }
  return json_response(200, {{"members", items}});
}

Response add_service(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  GroupService service;
  for (auto [name, target] : {std::pair{"name", &service.name}, std::pair{"phone", &service.phone},
                              std::pair{"website", &service.website}, std::pair{"description", &service.description}}) {
    auto value = string_field(*body, name, 300, false);
    if (!value) return json_error(value.error());
    *target = std::move(*value);
  }
  if (auto ok = do_add_group_service(env, call.viewer->account.id, view->group.id, service); !ok) {
    return json_error(ok.error());
  }
  const auto fresh = find_group_by_id_for(env, view->group.id, call.viewer->account.id);
  if (!fresh) return group_not_found_json();
  auto detail = group_detail_json(env, *fresh);
  return json_response(201, {{"services", detail["services"]}});
}

Response remove_service(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto id = path_id(call, "id");
  if (!id) return json_error(make_error(ErrorCode::not_found, "There is no such service."));
  if (auto ok = do_remove_group_service(env, call.viewer->account.id, view->group.id, *id); !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

}  // namespace

void add_group_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back({method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::get, "/api/v1/groups", Access::anyone, directory, "api.groups.list");
  route(Method::post, "/api/v1/groups", Access::member, create, "api.groups.create");
  route(Method::get, "/api/v1/groups/{slug}", Access::anyone, show, "api.groups.get");
  route(Method::patch, "/api/v1/groups/{slug}", Access::member, update, "api.groups.update");
  route(Method::get, "/api/v1/groups/{slug}/members", Access::anyone, members, "api.groups.members");
  route(Method::post, "/api/v1/groups/{slug}/services", Access::member, add_service, "api.groups.services.add");
  route(Method::delete_, "/api/v1/groups/{slug}/services/{id}", Access::member, remove_service,
        "api.groups.services.remove");
}

}  // namespace hearth
