// Private messages (docs/messages.md, docs/api.md):
//   GET    /api/v1/messages                           your conversations, newest first (?after=cursor)
//   GET    /api/v1/conversations/{id}/messages        a conversation of yours (?before=message id)
//   POST   /api/v1/conversations/{id}/messages        send in it
//   POST   /api/v1/conversations/{id}/accept          accept a message request you received
//   POST   /api/v1/conversations/{id}/decline         decline it ({"block": true}: and block the sender)
//   POST   /api/v1/personas/{id}/messages             write to a member: {"group": slug, "body": …}
//   DELETE /api/v1/messages/{id}                      take back a message you sent
//   POST   /api/v1/messages/{id}/reports              report a message to the group's moderators
//   GET    /api/v1/me/personas/{id}/message-setting   who can send you private messages as this persona
//   PUT    /api/v1/me/personas/{id}/message-setting   {"allow": "members" | "moderators" | "nobody"}
//   GET    /api/v1/groups/{slug}/moderation/messages/{id}  a reported, held or flagged message (moderators)
//   POST   /api/v1/groups/{slug}/moderation/messages/{id}  {"action": "approve" | "dismiss" | "remove", "reason"}
//
// Every shape names the other side only by the persona they use in the conversation's group.
// A conversation that isn't the caller's is 404, whether or not it exists.
#include <boost/json.hpp>

#include "actions/blocking.hpp"
#include "actions/group_lookup.hpp"
#include "actions/messages.hpp"
#include "actions/moderation_messages.hpp"
#include "api/filter_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/message_json.hpp"
#include "api/moderation_json.hpp"
#include "api/routes.hpp"
#include "api/thread_json.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

boost::json::object group_ref(const std::string& slug, const std::string& name) {
  return {{"slug", slug}, {"name", name}};
}

std::string conversation_path(const std::string& slug, messages::ConversationId id) {
  return "/g/" + slug + "/messages/" + std::to_string(id);
}

// The caller's side of a message request: null for an ordinary conversation; "waiting" for the
// sender (declined or not: they aren't told), "received" or "declined" for the recipient.
boost::json::value request_json(messages::RequestState state) {
  switch (state) {
    case messages::RequestState::none:
      return nullptr;
    case messages::RequestState::sent:
      return "waiting";
    case messages::RequestState::received:
      return "received";
    case messages::RequestState::declined:
      return "declined";
  }
  return nullptr;
}

boost::json::value removed_by(const messages::Message& m) {
  if (!m.deleted_at) return nullptr;
  return m.removed_by_moderator ? "moderator" : "author";
}

boost::json::object message_json(const messages::Message& m, AccountId viewer, const ConversationView& v) {
  const bool mine = m.sender_account_id == viewer;
  boost::json::object json{{"id", std::to_string(m.id)},
                           {"from", mine ? "you" : "them"},
                           {"persona", mine ? persona_ref(v.my_persona_id, v.my_persona_name)
                                            : persona_ref(v.other_persona_id, v.other_persona_name)},
                           {"sent_at", format_rfc3339(m.created_at)},
                           {"removed_by", removed_by(m)},
                           {"held", m.held_at.has_value()}};
  if (!m.deleted_at) {
    json["body"] = m.body;
    json["body_html"] = m.body_html;
  }
  return json;
}

Response conversation_not_found_json() {
  return json_error(make_error(ErrorCode::not_found, "We couldn't find that conversation."));
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  const auto after = messages::parse_list_cursor(call.request.query_value("after").value_or(""));
  const Inbox inbox = read_inbox(env, call.viewer->account.id, after);
  boost::json::array items;
  for (const auto& e : inbox.conversations) {
    items.push_back({{"id", std::to_string(e.conversation_id)},
                     {"group", group_ref(e.group_slug, e.group_name)},
                     {"with", persona_ref(e.other_persona_id, e.other_persona_name)},
                     {"as", persona_ref(e.my_persona_id, e.my_persona_name)},
                     {"last_message_at", format_rfc3339(e.last_message_at)},
                     {"unread", e.unread_count},
                     {"request", request_json(e.request)},
                     {"url", conversation_path(e.group_slug, e.conversation_id)}});
  }
  boost::json::array requests;
  for (const auto& r : inbox.requests) {
    const auto& e = r.entry;
    boost::json::object message;
    if (r.message) {
      message = {{"id", std::to_string(r.message->id)},
                 {"sent_at", format_rfc3339(r.message->created_at)},
                 {"removed_by", removed_by(*r.message)}};
      if (!r.message->deleted_at) {
        message["body"] = r.message->body;
        message["body_html"] = r.message->body_html;
      }
    }
    requests.push_back({{"id", std::to_string(e.conversation_id)},
                        {"group", group_ref(e.group_slug, e.group_name)},
                        {"with", persona_ref(e.other_persona_id, e.other_persona_name)},
                        {"as", persona_ref(e.my_persona_id, e.my_persona_name)},
                        {"sent_at", format_rfc3339(e.last_message_at)},
                        {"message", r.message ? boost::json::value(std::move(message)) : boost::json::value(nullptr)},
                        {"url", conversation_path(e.group_slug, e.conversation_id)}});
  }
  return json_response(200, {{"conversations", std::move(items)},
                             {"unread_total", inbox.unread_total},
                             {"requests", std::move(requests)},
                             {"requests_total", inbox.requests_total},
                             {"next", inbox.next ? boost::json::value(messages::format_list_cursor(*inbox.next))
                                                 : boost::json::value(nullptr)}});
}

Response show(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id || !call.viewer) return conversation_not_found_json();  // guests too: nothing says it exists
  const auto before = api_id(call.request.query_value("before").value_or(""));
  auto view = read_conversation(env, call.viewer->account.id, *id, before);
  if (!view) return json_error(view.error());
  boost::json::array items;
  for (const auto& m : view->messages) items.push_back(message_json(m, call.viewer->account.id, *view));
  const Group& g = view->group.group;
  return json_response(200, {{"conversation",
                              {{"id", std::to_string(view->id)},
                               {"group", group_ref(g.slug, g.name)},
                               {"with", persona_ref(view->other_persona_id, view->other_persona_name)},
                               {"as", persona_ref(view->my_persona_id, view->my_persona_name)},
                               {"can_send", !view->refusal.has_value()},
                               {"request", request_json(view->request)},
                               {"url", conversation_path(g.slug, view->id)}}},
                             {"messages", std::move(items)},
                             {"earlier", view->earlier ? boost::json::value(std::to_string(*view->earlier))
                                                       : boost::json::value(nullptr)}});
}

// The body, key and "send anyway" of a message, or the error to answer.
struct Submission {
  std::string body;
  std::string key;
  FilterChoice choice;
};
Result<Submission> submission_of(const ApiCall& call, const boost::json::object& body) {
  auto text = string_field(body, "body", max_body_length * 4, true);
  if (!text) return text.error();
  auto key = idempotency_key_of(call, body);
  if (!key) return key.error();
  auto confirm = bool_field(body, "confirm", false);
  if (!confirm) return confirm.error();
  return Submission{std::move(*text), std::move(*key), FilterChoice{.post_anyway = *confirm}};
}

Response sent_json(const Result<SentMessage>& sent, const FilterOutcome& outcome) {
  if (!sent) return filter_error_json(sent.error(), outcome);
  return json_response(201, {{"conversation_id", std::to_string(sent->conversation_id)},
                             {"id", std::to_string(sent->message_id)},
                             {"held", sent->held},
                             {"request", sent->request ? boost::json::value("waiting") : boost::json::value(nullptr)},
                             {"filters", filter_outcome_json(outcome)}});
}

Response send(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return conversation_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto s = submission_of(call, *body);
  if (!s) return json_error(s.error());
  FilterOutcome outcome;
  return sent_json(do_send_message(env, call.viewer->account.id, *id, s->body, s->key, s->choice, &outcome), outcome);
}

Response message_persona(const ActionEnvironment& env, ApiCall& call) {
  const auto persona = path_id(call, "id");
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto slug = string_field(*body, "group", 200, true);
  if (!slug) return json_error(slug.error());
  const auto group = find_group_for(env, *slug, call.viewer->account.id);
  if (!group || !persona) return group_not_found_json();
  auto s = submission_of(call, *body);
  if (!s) return json_error(s.error());
  FilterOutcome outcome;
  return sent_json(do_message_persona(env, call.viewer->account.id, group->group.id, *persona, s->body, s->key,
                                      s->choice, &outcome),
                   outcome);
}

Response accept(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return conversation_not_found_json();
  if (auto done = do_accept_message_request(env, call.viewer->account.id, *id); !done) return json_error(done.error());
  return json_response(200, {{"request", nullptr}});
}

Response decline(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return conversation_not_found_json();
  boost::json::object body;
  if (!call.request.body.empty()) {
    auto parsed = parse_json_object(call.request);
    if (!parsed) return json_error(parsed.error());
    body = std::move(*parsed);
  }
  auto block = bool_field(body, "block", false);
  if (!block) return json_error(block.error());
  const AccountId viewer = call.viewer->account.id;
  // The conversation's group and the sender's persona, for the block (read before declining:
  // the caller may read the conversation either way).
  std::optional<std::pair<GroupId, PersonaId>> other;
  if (*block) {
    auto view = read_conversation(env, viewer, *id, std::nullopt);
    if (!view) return json_error(view.error());
    other = std::pair(view->group.group.id, view->other_persona_id);
  }
  if (auto done = do_decline_message_request(env, viewer, *id); !done) return json_error(done.error());
  if (other) {
    if (auto blocked = do_block_persona(env, viewer, other->first, other->second); !blocked) {
      return json_error(blocked.error());
    }
  }
  return no_content();
}

Response remove(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (auto done = do_delete_message(env, call.viewer->account.id, id.value_or(0)); !done) return json_error(done.error());
  return no_content();
}

Response report(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = report_from(*body);
  if (!draft) return json_error(draft.error());
  auto filed = do_report_message(env, call.viewer->account.id, id.value_or(0), *draft);
  if (!filed) return json_error(filed.error());
  return json_response(filed->already_reported ? 200 : 201,
                       {{"status", "received"}, {"already_reported", filed->already_reported}});
}

Response setting(const ActionEnvironment& env, ApiCall& call) {
  auto allow = read_message_audience(env, call.viewer->account.id, path_id(call, "id").value_or(0));
  if (!allow) return json_error(allow.error());
  return json_response(200, {{"allow", message_audience_name(*allow)}});
}

Response save_setting(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto text = string_field(*body, "allow", 20, true);
  if (!text) return json_error(text.error());
  const auto allow = parse_message_audience(*text);
  if (!allow) {
    return json_error(make_error(ErrorCode::invalid_input,
                                 "\"allow\" must be \"members\", \"moderators\" or \"nobody\".", "allow"));
  }
  if (auto done = do_set_message_audience(env, call.viewer->account.id, path_id(call, "id").value_or(0), *allow);
      !done) {
    return json_error(done.error());
  }
  return json_response(200, {{"allow", message_audience_name(*allow)}});
}

Response moderation_view(const ActionEnvironment& env, ApiCall& call) {
  const auto group = api_group(env, call);
  if (!group) return group_not_found_json();
  auto view = read_message_moderation(env, call.viewer->account.id, group->group.id, path_id(call, "id").value_or(0));
  if (!view) return json_error(view.error());
  return json_response(200, {{"message", message_card_json(view->card)}, {"reports", open_reports_json(view->reports)}});
}

Response moderate(const ActionEnvironment& env, ApiCall& call) {
  const auto group = api_group(env, call);
  if (!group) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto request = moderation_request_from(*body);
  if (!request) return json_error(request.error());
  if (auto done = do_moderate_message(env, call.viewer->account.id, group->group.id, path_id(call, "id").value_or(0),
                                      *request);
      !done) {
    return json_error(done.error());
  }
  return no_content();
}

}  // namespace

void add_message_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::get, "/api/v1/messages", list, "api.messages");
  routes.push_back({Method::get, "/api/v1/conversations/{id}/messages",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return show(env, c); }),
                    "api.conversations.messages"});
  route(Method::post, "/api/v1/conversations/{id}/messages", send, "api.conversations.messages.send");
  route(Method::post, "/api/v1/conversations/{id}/accept", accept, "api.conversations.accept");
  route(Method::post, "/api/v1/conversations/{id}/decline", decline, "api.conversations.decline");
  route(Method::post, "/api/v1/personas/{id}/messages", message_persona, "api.personas.messages.send");
  route(Method::delete_, "/api/v1/messages/{id}", remove, "api.messages.delete");
  route(Method::post, "/api/v1/messages/{id}/reports", report, "api.messages.report");
  route(Method::get, "/api/v1/me/personas/{id}/message-setting", setting, "api.me.personas.message_setting");
  route(Method::put, "/api/v1/me/personas/{id}/message-setting", save_setting,
        "api.me.personas.message_setting.save");
  route(Method::get, "/api/v1/groups/{slug}/moderation/messages/{id}", moderation_view,
        "api.groups.moderation.message");
  route(Method::post, "/api/v1/groups/{slug}/moderation/messages/{id}", moderate,
        "api.groups.moderation.message.act");
}

}  // namespace hearth
