// Context notes (docs/api.md, "Context notes"):
//   GET    /api/v1/posts/{id}/notes          the notes shown with a post; for members and moderators
//                                           also those awaiting ratings
//   POST   /api/v1/posts/{id}/notes          {"body": "…", "sources": ["https://…"], "confirm": false}
//                                           verified members, moderators; the safety filters as for posts
//   POST   /api/v1/notes/{id}/ratings        {"helpful": true|false}  members, not on their own note
//   DELETE /api/v1/notes/{id}                optional {"reason": "…"}  moderators (moderation log)
//   PUT    /api/v1/posts/{id}/needs-context  moderators: label the post
//   DELETE /api/v1/posts/{id}/needs-context  moderators: take the label off
// No answer carries a note's author, an account or a verification id.
#include <boost/json.hpp>

#include "actions/context_notes.hpp"
#include "api/filter_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

boost::json::value badge_json(const std::optional<Badge>& badge) {
  if (!badge) return nullptr;
  return boost::json::object{{"kind", verification_kind_name(badge->kind)}, {"label", badge_label(*badge)}};
}

boost::json::object note_json(const NoteView& n, bool with_counts) {
  boost::json::object json{{"id", std::to_string(n.id)},
                           {"post_id", std::to_string(n.post_id)},
                           {"body", n.body},
                           {"sources", string_array(n.sources)},
                           {"created_at", format_rfc3339(n.created_at)},
                           {"shown", n.shown},
                           {"from", n.from ? boost::json::value(note_from_label(*n.from)) : nullptr},
                           {"badge", badge_json(n.from)},
                           {"mine", n.mine},
                           {"can_rate", n.can_rate},
                           {"my_rating", n.my_rating ? boost::json::value(*n.my_rating) : nullptr}};
  if (with_counts) {
    json["helpful"] = n.helpful;
    json["not_helpful"] = n.not_helpful;
  }
  return json;
}

Response list_notes(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  const auto account = call.viewer ? std::optional<AccountId>(call.viewer->account.id) : std::nullopt;
  const auto notes = id ? read_post_notes(env, account, *id) : std::nullopt;
  if (!notes) return json_error(post_not_found());
  boost::json::array shown, pending;
  for (const auto& n : notes->shown) shown.push_back(note_json(n, notes->can_see_pending));
  for (const auto& n : notes->pending) pending.push_back(note_json(n, true));
  boost::json::object body{{"post_id", std::to_string(notes->post.post.id)},
                           {"needs_context", notes->needs_context},
                           {"notes", std::move(shown)},
                           {"can_write", notes->can_write},
                           {"min_helpful_ratings", min_helpful_ratings}};
  if (notes->can_see_pending) body["pending"] = std::move(pending);
  return json_response(200, body);
}

Response add_note(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto text = string_field(*body, "body", max_note_length + 100, true);
  if (!text) return json_error(text.error());
  auto sources = string_list_field(*body, "sources", 20, max_source_length + 50);
  if (!sources) return json_error(sources.error());
  auto confirm = bool_field(*body, "confirm", false);  // true: the author saw the filters' prompt
  if (!confirm) return json_error(confirm.error());
  FilterOutcome outcome;
  auto added = do_add_note(env, call.viewer->account.id, *id, {*text, sources->value_or(std::vector<std::string>{})},
                           {.post_anyway = *confirm}, &outcome);
  if (!added) return filter_error_json(added.error(), outcome);
  const auto notes = read_post_notes(env, call.viewer->account.id, *id);
  bool shown = false;
  if (notes) {
    for (const auto& n : notes->shown) shown = shown || n.id == *added;
  }
  return json_response(201,
                       {{"id", std::to_string(*added)}, {"shown", shown}, {"filters", filter_outcome_json(outcome)}});
}

Response rate_note(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const auto* helpful = body->if_contains("helpful");
  if (!helpful || !helpful->is_bool()) {
    return json_error(make_error(ErrorCode::invalid_input, "Please include \"helpful\": true or false.", "helpful"));
  }
  auto rated = do_rate_note(env, call.viewer->account.id, id.value_or(0), helpful->as_bool());
  if (!rated) return json_error(rated.error());
  return no_content();
}

Response remove_note(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  std::string reason;
  if (!call.request.body.empty()) {
    auto body = parse_json_object(call.request);
    if (!body) return json_error(body.error());
    auto given = string_field(*body, "reason", 500, false);
    if (!given) return json_error(given.error());
    reason = *given;
  }
  auto removed = do_remove_note(env, call.viewer->account.id, id.value_or(0), reason);
  if (!removed) return json_error(removed.error());
  return no_content();
}

Response label(const ActionEnvironment& env, ApiCall& call, bool needs_context) {
  const auto id = path_id(call, "id");
  const Status done = do_set_needs_context(env, call.viewer->account.id, id.value_or(0), needs_context);
  if (!done) return json_error(done.error());
  return no_content();
}

}  // namespace

void add_context_note_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back(
        {method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }), name});
  };
  route(Method::get, "/api/v1/posts/{id}/notes", Access::anyone, list_notes, "api.posts.notes");
  route(Method::post, "/api/v1/posts/{id}/notes", Access::member, add_note, "api.posts.notes.create");
  route(Method::post, "/api/v1/notes/{id}/ratings", Access::member, rate_note, "api.notes.rate");
  route(Method::delete_, "/api/v1/notes/{id}", Access::member, remove_note, "api.notes.delete");
  route(Method::put, "/api/v1/posts/{id}/needs-context", Access::member,
        [](const ActionEnvironment& e, ApiCall& c) { return label(e, c, true); }, "api.posts.needs_context.set");
  route(Method::delete_, "/api/v1/posts/{id}/needs-context", Access::member,
        [](const ActionEnvironment& e, ApiCall& c) { return label(e, c, false); }, "api.posts.needs_context.clear");
}

}  // namespace hearth
