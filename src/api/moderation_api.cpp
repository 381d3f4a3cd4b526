// Moderation:
//   GET  /api/v1/groups/{slug}/moderation/queue              the queue (moderators)
//   GET  /api/v1/groups/{slug}/moderation/log                the log (public side; all of it for moderators)
//   GET  /api/v1/groups/{slug}/moderation/settings           held posts, slow mode (readers)
//   PUT  /api/v1/groups/{slug}/moderation/settings           (admins)
//   GET  /api/v1/posts/{id}/moderation                       a post and its author's record (moderators)
//   POST /api/v1/posts/{id}/moderation                       act on it: {"action": …}
//   GET  /api/v1/groups/{slug}/members/{persona_id}/moderation   a member's record (moderators)
//   POST /api/v1/groups/{slug}/members/{persona_id}/moderation   act on them
//
// The author of an anonymous post appears only as its handle; every answer about it is the
// same whoever wrote it.
#include <boost/json.hpp>

#include "actions/conversations.hpp"
#include "actions/moderation.hpp"
#include "actions/moderation_reads.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/moderation_json.hpp"
#include "api/message_json.hpp"
#include "api/routes.hpp"
#include "api/thread_json.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

std::optional<AccountId> caller(const ApiCall& call) {
  if (call.viewer) return call.viewer->account.id;
  return std::nullopt;
}

Response members_only() {
  return json_error(make_error(ErrorCode::forbidden, "Only members can read this group's moderation log."));
}

boost::json::object persona_card_json(const moderation_queue::PersonaCard& p) {
  boost::json::object json = persona_ref(p.id, p.name);
  json["role"] = role_name(p.role);
  return json;
}

Response queue(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto queue = read_moderation_queue(env, call.viewer->account.id, view->group.id);
  if (!queue) return json_error(queue.error());
  boost::json::array items;
  for (const auto& entry : queue->items) {
    boost::json::object item{{"kind", entry.post ? "post" : entry.message ? "message" : "persona"},
                             {"reports", open_reports_json(entry.reports)},
                             {"filter_flags", filter_flags_json(entry.flags)},
                             {"at_risk", entry.at_risk()}};
    if (entry.post) {
      item["post"] = post_card_json(view->group, *entry.post);
      item["moderation_url"] = "/api/v1/posts/" + std::to_string(entry.post->id) + "/moderation";
    }
    if (!entry.handle.empty()) item["handle"] = entry.handle;
    if (entry.message) {  // a private message (docs/messages.md)
      item["message"] = message_card_json(*entry.message);
      item["moderation_url"] = "/api/v1/groups/" + view->group.slug + "/moderation/messages/" +
                               std::to_string(entry.message->message.id);
    }
    if (entry.persona) {
      item["persona"] = persona_card_json(*entry.persona);
      item["moderation_url"] =
          "/api/v1/groups/" + view->group.slug + "/members/" + std::to_string(entry.persona->id) + "/moderation";
    }
    items.push_back(std::move(item));
  }
  boost::json::array in_force;
  for (const auto& f : queue->in_force) {
    boost::json::object json{{"kind", sanction_kind_name(f.kind)},
                             {"reason", f.reason},
                             {"ends_at", f.ends_at ? boost::json::value(format_rfc3339(*f.ends_at)) : nullptr},
                             {"since", format_rfc3339(f.created_at)}};
    if (f.subject.persona_id) {
      json["persona"] = persona_ref(*f.subject.persona_id, f.persona_name);
    } else {
      json["handle"] = f.subject.handle;
    }
    in_force.push_back(std::move(json));
  }
  return json_response(
      200,
      {{"items", std::move(items)}, {"in_force", std::move(in_force)}, {"settings", settings_json(queue->settings)}});
}

Response log(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  std::optional<UnixMillis> before;
  if (const auto text = call.request.query_value("before"); text && !text->empty()) {
    before = api_id(*text);
    if (!before) {
      return json_error(
          make_error(ErrorCode::invalid_input, "\"before\" must be the \"next\" value of an earlier page.", "before"));
    }
  }
  const auto lines = read_moderation_log(env, caller(call), view->group.id, before);
  if (!lines) return members_only();
  boost::json::array items;
  for (const auto& line : lines->lines) items.push_back(log_line_json(line, lines->full));
  return json_response(200,
                       {{"entries", std::move(items)},
                        {"full", lines->full},
                        {"next", lines->lines.size() >= 100 ? boost::json::value(std::to_string(lines->lines.back().at))
                                                            : boost::json::value(nullptr)}});
}

Response get_settings(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto settings = read_moderation_settings(env, caller(call), view->group.id);
  if (!settings) return members_only();
  return json_response(200, settings_json(*settings));
}

Response put_settings(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  ModerationSettings settings =
      read_moderation_settings(env, caller(call), view->group.id).value_or(ModerationSettings{});
  for (const auto& [name, target] : {std::pair<const char*, int*>{"hold_first_posts", &settings.hold_first_posts},
                                     {"slow_mode_seconds", &settings.slow_mode_seconds}}) {
    auto value = int_field(*body, name);
    if (!value) return json_error(value.error());
    if (*value) *target = **value;
  }
  auto anonymous = bool_field(*body, "hold_anonymous", settings.hold_anonymous);
  if (!anonymous) return json_error(anonymous.error());
  settings.hold_anonymous = *anonymous;
  if (auto done = do_save_moderation_settings(env, call.viewer->account.id, view->group.id, settings); !done) {
    return json_error(done.error());
  }
  return json_response(200, settings_json(settings));
}

Response post_record(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  const auto record = read_post_moderation(env, call.viewer->account.id, *id);
  if (!record) return json_error(record.error());
  boost::json::object author;
  if (record->author) {
    author = persona_card_json(*record->author);
  } else if (!record->handle.empty()) {
    author = {{"handle", record->handle}};
  }
  return json_response(200, {{"group", group_ref(record->group.group)},
                             {"post", post_card_json(record->group.group, record->post)},
                             {"author", author.empty() ? boost::json::value(nullptr) : boost::json::value(author)},
                             {"reports", open_reports_json(record->reports)},
                             {"filter_flags", filter_flags_json(record->flags)},
                             {"standing", standing_json(record->standing)},
                             {"history", history_json(record->history)},
                             {"notes", notes_json(record->notes)},
                             {"rules", string_array(record->rules)}});
}

Response act_on_post(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto request = moderation_request_from(*body);
  if (!request) return json_error(request.error());
  if (auto done = do_moderate_post(env, call.viewer->account.id, *id, *request); !done) return json_error(done.error());
  return no_content();
}

Response member_record(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto persona = path_id(call, "persona_id");
  // A malformed id gets the answer any missing persona gets, after the same checks.
  const auto record = read_member_moderation(env, call.viewer->account.id, view->group.id, persona.value_or(0));
  if (!record) return json_error(record.error());
  return json_response(200, {{"persona", persona_card_json(record->persona)},
                             {"reports", open_reports_json(record->reports)},
                             {"standing", standing_json(record->standing)},
                             {"history", history_json(record->history)},
                             {"notes", notes_json(record->notes)},
                             {"rules", string_array(record->rules)}});
}

Response act_on_member(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto request = moderation_request_from(*body);
  if (!request) return json_error(request.error());
  const auto persona = path_id(call, "persona_id");
  if (auto done = do_moderate_member(env, call.viewer->account.id, view->group.id, persona.value_or(0), *request);
      !done) {
    return json_error(done.error());
  }
  return no_content();
}

}  // namespace

void add_moderation_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back(
        {method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }), name});
  };
  const auto member = Access::member;
  route(Method::get, "/api/v1/groups/{slug}/moderation/queue", member, queue, "api.groups.moderation.queue");
  route(Method::get, "/api/v1/groups/{slug}/moderation/log", Access::anyone, log, "api.groups.moderation.log");
  route(Method::get, "/api/v1/groups/{slug}/moderation/settings", Access::anyone, get_settings,
        "api.groups.moderation.settings");
  route(Method::put, "/api/v1/groups/{slug}/moderation/settings", member, put_settings,
        "api.groups.moderation.settings.update");
  route(Method::get, "/api/v1/posts/{id}/moderation", member, post_record, "api.posts.moderation");
  route(Method::post, "/api/v1/posts/{id}/moderation", member, act_on_post, "api.posts.moderate");
  route(Method::get, "/api/v1/groups/{slug}/members/{persona_id}/moderation", member, member_record,
        "api.groups.members.moderation");
  route(Method::post, "/api/v1/groups/{slug}/members/{persona_id}/moderation", member, act_on_member,
        "api.groups.members.moderate");
}

}  // namespace hearth
