// Belonging to groups: join and leave, requests to join and decisions, invite links, roles
// and the trained-volunteer badge, and the caller's own groups.
//   POST   /api/v1/groups/{slug}/join                      DELETE /api/v1/groups/{slug}/membership
//   GET    /api/v1/groups/{slug}/requests                  POST   /api/v1/groups/{slug}/requests/{persona_id}
//   POST   /api/v1/groups/{slug}/invites                   GET    /api/v1/groups/{slug}/invites
//   DELETE /api/v1/groups/{slug}/invites/{id}
//   GET    /api/v1/invites/{token}                         POST   /api/v1/invites/{token}/accept
//   PUT    /api/v1/groups/{slug}/members/{persona_id}/role PUT    /api/v1/groups/{slug}/members/{persona_id}/volunteer
//   GET    /api/v1/me/groups
#include <boost/json.hpp>

#include "actions/invite_lookup.hpp"
#include "actions/membership.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"
#include "store/groups.hpp"
#include "store/invites.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

Result<JoinRequest> join_request_from(const boost::json::object& body) {
  auto persona = persona_choice_field(body);
  if (!persona) return persona.error();
  auto accepted = bool_field(body, "accept_rules", false);
  if (!accepted) return accepted.error();
  auto answers = string_list_field(body, "answers", max_questions, max_answer_length);
  if (!answers) return answers.error();
  return JoinRequest{*persona, *accepted, answers->value_or(std::vector<std::string>{})};
}

Response join(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto request = join_request_from(*body);
  if (!request) return json_error(request.error());
  auto status = do_join_group(env, call.viewer->account.id, view->group.id, *request);
  if (!status) return json_error(status.error());
  return json_response(201, {{"status", membership_status_name(*status)}});
}

Response leave(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  if (auto ok = do_leave_group(env, call.viewer->account.id, view->group.id); !ok) return json_error(ok.error());
  return no_content();
}

// For the request and invite lists: the group, and a 403 for callers below `moderator`
// (or `admin` when `manager` is set).
std::optional<Response> refuse_unless(const std::optional<GroupInView>& view, bool manager) {
  if (!view) return group_not_found_json();
  if (manager ? !can_manage(view->viewer) : !can_moderate(view->viewer)) {
    return json_error(make_error(ErrorCode::forbidden, manager ? "Only the group's admins can see this."
                                                               : "Only the group's admins and moderators can see this."));
  }
  return std::nullopt;
}

Response requests(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (auto refused = refuse_unless(view, false)) return *refused;
  const GroupId id = view->group.id;
  const auto [pending, questions] = env.store.read([&](Connection& c) {
    return std::pair(memberships::pending(c, id), groups::questions(c, id));
  });
  boost::json::array items;
  for (const auto& p : pending) {
    boost::json::array answers;
    boost::system::error_code ec;
    const auto parsed = boost::json::parse(p.answers, ec);
    if (!ec && parsed.is_array()) {
      const auto& list = parsed.as_array();
      for (std::size_t i = 0; i < list.size(); ++i) {
        answers.push_back({{"question", i < questions.size() ? questions[i] : ""}, {"answer", list[i]}});
      }
    }
    items.push_back({{"persona", persona_ref(p.persona_id, p.persona_name)},
                     {"answers", answers},
                     {"requested_at", format_rfc3339(p.requested_at)}});
  }
  return json_response(200, {{"requests", items}});
}

Response decide(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const auto* approve = body->if_contains("approve");
  if (!approve || !approve->is_bool()) {
    return json_error(make_error(ErrorCode::invalid_input, "Please include \"approve\": true or false.", "approve"));
  }
  auto reason = string_field(*body, "reason", 500, false);
  if (!reason) return json_error(reason.error());
  const auto persona = path_id(call, "persona_id");
  if (!persona) return json_error(make_error(ErrorCode::not_found, "That request has already been decided or withdrawn."));
  if (auto ok = do_decide_request(env, call.viewer->account.id, view->group.id, *persona, approve->as_bool(), *reason);
      !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

boost::json::object invite_json(const invites::Invite& i, UnixMillis now) {
  return {{"id", std::to_string(i.id)},
          {"created_at", format_rfc3339(i.created_at)},
          {"expires_at", i.expires_at ? boost::json::value(format_rfc3339(*i.expires_at)) : nullptr},
          {"max_uses", i.max_uses ? boost::json::value(*i.max_uses) : nullptr},
          {"uses", i.uses},
          {"revoked", i.revoked_at.has_value()},
          {"usable", invite_is_usable(i, now)}};
}

Response create_invite(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto days = int_field(*body, "expires_in_days");
  if (!days) return json_error(days.error());
  auto uses = int_field(*body, "max_uses");
  if (!uses) return json_error(uses.error());
  auto invite = do_create_invite(env, call.viewer->account.id, view->group.id, *days, *uses);
  if (!invite) return json_error(invite.error());
  const auto stored = env.store.read([&](Connection& c) { return invites::of_group(c, view->group.id); });
  boost::json::object json{{"id", std::to_string(invite->id)}};
  for (const auto& i : stored) {
    if (i.id == invite->id) json = invite_json(i, env.clock.now());
  }
  json["token"] = invite->token;
  json["url"] = "/invite/" + invite->token;
  return json_response(201, json);
}

Response list_invites(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (auto refused = refuse_unless(view, true)) return *refused;
  const auto stored = env.store.read([&](Connection& c) { return invites::of_group(c, view->group.id); });
  const UnixMillis now = env.clock.now();
  boost::json::array items;
  for (const auto& i : stored) items.push_back(invite_json(i, now));
  return json_response(200, {{"invites", items}});
}

Response revoke_invite(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto id = path_id(call, "id");
  if (!id) return json_error(make_error(ErrorCode::not_found, "That invite doesn't exist or was already withdrawn."));
  if (auto ok = do_revoke_invite(env, call.viewer->account.id, view->group.id, *id); !ok) return json_error(ok.error());
  return no_content();
}

Error invite_not_working() {
  return make_error(ErrorCode::not_found,
                    "This invite link doesn't work any more. It may have expired, been used up or been withdrawn. "
                    "Please ask for a new one.");
}

Response show_invite(const ActionEnvironment& env, ApiCall& call) {
  const auto group = find_group_by_invite(env, call.request.param("token").value_or(""));
  if (!group) return json_error(invite_not_working());
  const auto [count, rules] = env.store.read([&](Connection& c) {
    return std::pair(memberships::count_active(c, group->id), groups::rules(c, group->id));
  });
  return json_response(200, {{"group", group_summary_json(*group, count)}, {"rules", string_array(rules)}});
}

Response accept_invite(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto request = join_request_from(*body);
  if (!request) return json_error(request.error());
  auto group = do_join_with_invite(env, call.viewer->account.id, call.request.param("token").value_or(""), *request);
  if (!group) return json_error(group.error());
  const int64_t count = env.store.read([&](Connection& c) { return memberships::count_active(c, group->id); });
  return json_response(200, {{"status", "active"}, {"group", group_summary_json(*group, count)}});
}

Response set_role(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto role_text = string_field(*body, "role", 20, true);
  if (!role_text) return json_error(role_text.error());
  const auto role = parse_role(*role_text);
  if (!role) {
    return json_error(make_error(ErrorCode::invalid_input, "\"role\" is one of member, moderator, admin, owner.", "role"));
  }
  const auto persona = path_id(call, "persona_id");
  if (!persona) return json_error(make_error(ErrorCode::not_found, "That person isn't an active member of this group."));
  if (auto ok = do_set_role(env, call.viewer->account.id, view->group.id, *persona, *role); !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

Response set_volunteer(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const auto* value = body->if_contains("trained_volunteer");
  if (!value || !value->is_bool()) {
    return json_error(make_error(ErrorCode::invalid_input, "Please include \"trained_volunteer\": true or false.",
                                 "trained_volunteer"));
  }
  const auto persona = path_id(call, "persona_id");
  if (!persona) return json_error(make_error(ErrorCode::not_found, "That person isn't an active member of this group."));
  if (auto ok = do_set_trained_volunteer(env, call.viewer->account.id, view->group.id, *persona, value->as_bool()); !ok) {
    return json_error(ok.error());
  }
  return no_content();
}

Response my_groups(const ActionEnvironment& env, ApiCall& call) {
  const AccountId account = call.viewer->account.id;
  boost::json::array items;
  env.store.read([&](Connection& c) {
    for (const auto& g : memberships::groups_of(c, account)) {
      const auto membership = memberships::find(c, g.id, account);
      items.push_back({{"slug", g.slug},
                       {"name", g.name},
                       {"url", "/g/" + g.slug},
                       {"persona", persona_ref(membership ? membership->persona_id : 0, g.persona_name)},
                       {"role", role_name(g.role)},
                       {"unread_threads", g.unread_threads}});
    }
  });
  return json_response(200, {{"groups", items}});
}

}  // namespace

void add_membership_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back({method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  const auto member = Access::member;
  route(Method::post, "/api/v1/groups/{slug}/join", member, join, "api.groups.join");
  route(Method::delete_, "/api/v1/groups/{slug}/membership", member, leave, "api.groups.leave");
  route(Method::get, "/api/v1/groups/{slug}/requests", member, requests, "api.groups.requests");
  route(Method::post, "/api/v1/groups/{slug}/requests/{persona_id}", member, decide, "api.groups.requests.decide");
  route(Method::post, "/api/v1/groups/{slug}/invites", member, create_invite, "api.groups.invites.create");
  route(Method::get, "/api/v1/groups/{slug}/invites", member, list_invites, "api.groups.invites.list");
  route(Method::delete_, "/api/v1/groups/{slug}/invites/{id}", member, revoke_invite, "api.groups.invites.revoke");
  route(Method::get, "/api/v1/invites/{token}", Access::anyone, show_invite, "api.invites.get");
  route(Method::post, "/api/v1/invites/{token}/accept", member, accept_invite, "api.invites.accept");
  route(Method::put, "/api/v1/groups/{slug}/members/{persona_id}/role", member, set_role, "api.groups.members.role");
  route(Method::put, "/api/v1/groups/{slug}/members/{persona_id}/volunteer", member, set_volunteer,
        "api.groups.members.volunteer");
  route(Method::get, "/api/v1/me/groups", member, my_groups, "api.me.groups");
}

}  // namespace hearth
