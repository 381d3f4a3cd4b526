// Posts: PATCH/DELETE /api/v1/posts/{id} (the author edits or removes their post),
// GET /api/v1/posts/{id}/revisions (the author and moderators), and
// PUT/DELETE /api/v1/posts/{id}/reactions/{kind}.
#include <boost/json.hpp>

#include "actions/conversations.hpp"
#include "actions/posts.hpp"
#include "actions/reactions.hpp"
#include "api/filter_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/thread_json.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response edit(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  const AccountId account = call.viewer->account.id;
  // Absent fields keep their value; the action decides whether the caller may edit.
  const auto found = env.store.read([&](Connection& c) { return find_post_in(c, *id, account); });
  if (!found) return json_error(post_not_found());
  const bool opening = found->post.id == found->thread.thread.opening_post_id;
  const bool mine = found->post.author_account_id == account;
  PostDraft draft;
  if (mine) {
    draft = {opening ? found->thread.thread.title : std::string(), found->post.body, found->post.content_warning,
             found->post.anonymous};
  }
  if (opening) {
    auto title = string_field(*body, "title", max_title_length * 4, false, draft.title);
    if (!title) return json_error(title.error());
    draft.title = std::move(*title);
  }
  if (const auto* text = body->if_contains("body"); text && !text->is_null()) {
    if (!text->is_string()) return json_error(make_error(ErrorCode::invalid_input, "\"body\" must be a string.", "body"));
    draft.body = std::string(text->as_string());
  }
  auto warning = string_field(*body, "content_warning", max_content_warning_length * 4, false, draft.content_warning);
  if (!warning) return json_error(warning.error());
  draft.content_warning = std::move(*warning);
  auto confirm = bool_field(*body, "confirm", false);
  if (!confirm) return json_error(confirm.error());
  FilterOutcome outcome;
  if (auto done = do_edit_post(env, account, *id, draft, {.post_anyway = *confirm}, &outcome); !done) {
    return filter_error_json(done.error(), outcome);
  }
  // Nothing to say: 204. Crisis lines to show, or words masked: what the filters did.
  if (!outcome.crisis && !outcome.censored) return no_content();
  return json_response(200, boost::json::object{{"filters", filter_outcome_json(outcome)}});
}

Response remove(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  if (auto done = do_delete_post(env, call.viewer->account.id, *id); !done) return json_error(done.error());
  return no_content();
}

Response revisions(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  auto found = read_revisions(env, call.viewer->account.id, *id);
  if (!found) return json_error(found.error());
  boost::json::array items;
  for (const auto& r : *found) {
    items.push_back({{"title", r.title},
                     {"body", r.body},
                     {"content_warning", r.content_warning},
                     {"replaced_at", format_rfc3339(r.replaced_at)}});
  }
  return json_response(200, {{"revisions", std::move(items)}});
}

Response react(const ActionEnvironment& env, ApiCall& call, bool on) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(post_not_found());
  const auto kind = parse_reaction(call.request.param("kind").value_or(""));
  if (!kind) {
    return json_error(make_error(ErrorCode::invalid_input,
                                 "Reactions are \"support\", \"me_too\" and \"helped\".", "kind"));
  }
  if (auto done = do_react(env, call.viewer->account.id, *id, *kind, on); !done) return json_error(done.error());
  return no_content();
}

}  // namespace

void add_post_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }), name});
  };
  route(Method::patch, "/api/v1/posts/{id}", edit, "api.posts.update");
  route(Method::delete_, "/api/v1/posts/{id}", remove, "api.posts.delete");
  route(Method::get, "/api/v1/posts/{id}/revisions", revisions, "api.posts.revisions");
  route(Method::put, "/api/v1/posts/{id}/reactions/{kind}",
        [](const ActionEnvironment& e, ApiCall& c) { return react(e, c, true); }, "api.posts.react");
  route(Method::delete_, "/api/v1/posts/{id}/reactions/{kind}",
        [](const ActionEnvironment& e, ApiCall& c) { return react(e, c, false); }, "api.posts.unreact");
}

}  // namespace hearth
