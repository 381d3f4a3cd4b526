// Personas: GET /api/v1/personas/{id}?group={slug} (a member as one group sees them: only
// the fields the caller may see), and the caller's own: GET /api/v1/me/personas,
// GET/PATCH /api/v1/me/personas/{id}.
#include <boost/json.hpp>

#include "actions/personas.hpp"
#include "actions/verification.hpp"
#include "api/badge_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

struct FieldRef {
  const char* name;
  Disclosed<std::string> Persona::*member;
};
constexpr FieldRef profile_fields[] = {{"about", &Persona::about},
                                       {"connection", &Persona::connection},
                                       {"region", &Persona::region},
                                       {"age_range", &Persona::age_range},
                                       {"pronouns", &Persona::pronouns}};

// Every field with its audience: for the persona's owner only.
boost::json::object own_fields(const Persona& p) {
  boost::json::object fields;
  for (const auto& f : profile_fields) {
    const auto& value = p.*(f.member);
    fields[f.name] = {{"value", value.value}, {"audience", audience_name(value.audience)}};
  }
  return fields;
}

Response persona_in_group(const ActionEnvironment& env, ApiCall& call) {
  const auto slug = call.request.query_value("group");
  if (!slug || slug->empty()) {
    return json_error(make_error(ErrorCode::invalid_input, "Please say which group: ?group=<slug>.", "group"));
  }
  std::optional<AccountId> account;
  if (call.viewer) account = call.viewer->account.id;
  const auto view = find_group_for(env, *slug, account);
  if (!view) return group_not_found_json();
  const Group& g = view->group;
  if (!can_read_content(g.privacy, view->viewer)) {
    return json_error(make_error(ErrorCode::forbidden, "Only members can see who belongs to this group."));
  }
  const auto id = path_id(call, "id");
  struct Found {
    Persona persona;
    Membership membership;
    int64_t helped = 0;
  };
  const auto found = !id ? std::nullopt : env.store.read([&](Connection& c) -> std::optional<Found> {
    if (!personas::is_active_in(c, *id, g.id)) return std::nullopt;
    auto persona = personas::find(c, *id);
    if (!persona) return std::nullopt;
    auto membership = memberships::find(c, g.id, persona->account_id);
    if (!membership) return std::nullopt;
    return Found{*persona, *membership, personas::helped_count(c, *id, g.id)};
  });
  if (!found) return json_error(make_error(ErrorCode::not_found, "There is no such member in this group."));
  const Persona& p = found->persona;
  const bool is_self = account && *account == p.account_id;
  const bool member = is_active_member(view->viewer);
  const bool sees_group = can_see_group(g.privacy, view->viewer);
  boost::json::object fields;
  for (const auto& f : profile_fields) {
    const auto& value = p.*(f.member);
    if (!can_see_field(value.audience, is_self, member, sees_group)) continue;
    boost::json::object field{{"value", value.value}};
    if (is_self) field["audience"] = audience_name(value.audience);
    fields[f.name] = std::move(field);
  }
  return json_response(200, {{"id", std::to_string(p.id)},
                             {"name", p.name},
                             {"group", g.slug},
                             {"role", role_name(found->membership.role)},
                             {"trained_volunteer", found->membership.trained_volunteer},
                             {"verified_badge", verified_badge_json(read_persona_badge(env, p.id))},
                             {"helped_count", found->helped},
                             {"is_you", is_self},
                             {"fields", fields}});
}

boost::json::object own_persona_json(Connection& c, AccountId account, const Persona& p) {
  boost::json::array groups;
  for (const auto& g : memberships::groups_of(c, account)) {
    const auto membership = memberships::find(c, g.id, account);
    if (membership && membership->persona_id == p.id) groups.push_back({{"slug", g.slug}, {"name", g.name}});
  }
  return {{"id", std::to_string(p.id)}, {"name", p.name}, {"fields", own_fields(p)}, {"groups", groups}};
}

Response my_personas(const ActionEnvironment& env, ApiCall& call) {
  const AccountId account = call.viewer->account.id;
  boost::json::array items;
  env.store.read([&](Connection& c) {
    for (const auto& p : personas::of_account(c, account)) items.push_back(own_persona_json(c, account, p));
  });
  return json_response(200, {{"personas", items}});
}

std::optional<Persona> own_persona(const ActionEnvironment& env, const ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return std::nullopt;
  const AccountId account = call.viewer->account.id;
  return env.store.read([&](Connection& c) -> std::optional<Persona> {
    auto p = personas::find(c, *id);
    if (!p || p->account_id != account) return std::nullopt;
    return p;
  });
}

Response no_such_persona() { return json_error(make_error(ErrorCode::not_found, "There is no such persona.")); }

Response my_persona(const ActionEnvironment& env, ApiCall& call) {
  const auto persona = own_persona(env, call);
  if (!persona) return no_such_persona();
  const AccountId account = call.viewer->account.id;
  return json_response(200, env.store.read([&](Connection& c) { return own_persona_json(c, account, *persona); }));
}

// {"name": "…", "fields": {"about": {"value": "…", "audience": "members"}, …}}; anything
// absent keeps its stored value.
Result<Persona> persona_patch(const boost::json::object& body, Persona p) {
  auto name = string_field(body, "name", 100, false, p.name);
  if (!name) return name.error();
  p.name = *name;
  const auto* fields = body.if_contains("fields");
  if (!fields || fields->is_null()) return p;
  if (!fields->is_object()) return make_error(ErrorCode::invalid_input, "\"fields\" must be an object.", "fields");
  for (const auto& [key, value] : fields->as_object()) {
    const FieldRef* ref = nullptr;
    for (const auto& f : profile_fields) {
      if (key == f.name) ref = &f;
    }
    if (!ref) return make_error(ErrorCode::invalid_input, "Unknown profile field \"" + std::string(key) + "\".", "fields");
    if (!value.is_object()) {
      return make_error(ErrorCode::invalid_input, "Each field is an object: {\"value\": …, \"audience\": …}.", ref->name);
    }
    auto& target = p.*(ref->member);
    const auto& object = value.as_object();
    if (const auto* text = object.if_contains("value"); text && !text->is_null()) {
      if (!text->is_string()) return make_error(ErrorCode::invalid_input, "A field's value must be a string.", ref->name);
      target.value = std::string(text->as_string());  // checked by the action
    }
    auto audience = string_field(object, "audience", 20, false, std::string(audience_name(target.audience)));
    if (!audience) return audience.error();
    const auto parsed = parse_audience(*audience);
    if (!parsed) {
      return make_error(ErrorCode::invalid_input, "\"audience\" is one of only_me, members, everyone.", ref->name);
    }
    target.audience = *parsed;
  }
  return p;
}

Response update_persona(const ActionEnvironment& env, ApiCall& call) {
  const auto persona = own_persona(env, call);
  if (!persona) return no_such_persona();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = persona_patch(*body, *persona);
  if (!draft) return json_error(draft.error());
  const AccountId account = call.viewer->account.id;
  auto updated = do_update_persona(env, account, persona->id, *draft);
  if (!updated) {
    Error error = updated.error();
    if (error.field == "persona_name") error.field = "name";  // the body's name for it
    return json_error(error);
  }
  return json_response(200, env.store.read([&](Connection& c) { return own_persona_json(c, account, *updated); }));
}

}  // namespace

void add_persona_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back({method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::get, "/api/v1/personas/{id}", Access::anyone, persona_in_group, "api.personas.get");
  route(Method::get, "/api/v1/me/personas", Access::member, my_personas, "api.me.personas");
  route(Method::get, "/api/v1/me/personas/{id}", Access::member, my_persona, "api.me.personas.get");
  route(Method::patch, "/api/v1/me/personas/{id}", Access::member, update_persona, "api.me.personas.update");
}

}  // namespace hearth
