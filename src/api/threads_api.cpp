// Conversations: GET/POST /api/v1/groups/{slug}/threads, GET/PATCH /api/v1/threads/{id},
// POST /api/v1/threads/{id}/posts (reply), PUT/DELETE /api/v1/threads/{id}/follow,
// POST /api/v1/threads/{id}/read, GET /api/v1/me/feed.
//
// A thread in a group the caller may not read answers exactly like one that doesn't exist.
#include <boost/json.hpp>

#include "actions/blocking.hpp"
#include "actions/conversations.hpp"
#include "actions/reading.hpp"
#include "actions/threads.hpp"
#include "actions/verification.hpp"
#include "api/badge_json.hpp"
#include "api/filter_json.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/thread_json.hpp"

namespace hearth {
namespace {

constexpr int default_threads = 25;
constexpr int default_branches = 50;

std::optional<AccountId> caller(const ApiCall& call) {
  if (call.viewer) return call.viewer->account.id;
  return std::nullopt;
}

Result<int> limit_of(const ApiCall& call, int fallback, int max) {
  const auto text = call.request.query_value("limit");
  if (!text) return fallback;
  const auto n = api_id(*text);
  if (!n || *n > max) {
    return make_error(ErrorCode::invalid_input, "\"limit\" must be 1 to " + std::to_string(max) + ".", "limit");
  }
  return static_cast<int>(*n);
}

Error bad_cursor() {
  return make_error(ErrorCode::invalid_input, "\"after\" must be the \"next\" value of an earlier page.", "after");
}

// A post draft from a JSON body: title (threads only), body, content_warning, anonymous.
Result<PostDraft> draft_from_json(const boost::json::object& body, bool with_title) {
  PostDraft draft;
  if (with_title) {
    auto title = string_field(body, "title", max_title_length * 4, true);
    if (!title) return title.error();
    draft.title = std::move(*title);
  }
  // The body is Markdown: line breaks are welcome, so the action checks it, not string_field.
  const auto* text = body.if_contains("body");
  if (!text || !text->is_string())
    return make_error(ErrorCode::invalid_input, "Please include \"body\" as a string.", "body");
  draft.body = std::string(text->as_string());
  auto warning = string_field(body, "content_warning", max_content_warning_length * 4, false);
  if (!warning) return warning.error();
  draft.content_warning = std::move(*warning);
  auto anonymous = bool_field(body, "anonymous", false);
  if (!anonymous) return anonymous.error();
  draft.anonymous = *anonymous;
  return draft;
}

// {"confirm": true}: the author saw the filters' prompt and posts as it is.
Result<FilterChoice> filter_choice_from(const boost::json::object& body) {
  auto confirm = bool_field(body, "confirm", false);
  if (!confirm) return confirm.error();
  return FilterChoice{.post_anyway = *confirm};
}

// A block between the caller and a post's persona (docs/blocking.md; never an anonymous post):
// "hidden": "blocked" (the caller blocked them: the post is there to fold away) or
// "unavailable" (they blocked the caller: no author, no text). Moderators keep everything.
void with_block(boost::json::object& json, const posts::PostView& post, const GroupViewer& viewer,
                const BlockSet& blocks) {
  const bool mine = viewer.account && post.author_account_id == *viewer.account;
  const BlockEffect effect =
      mine || post.removed ? BlockEffect::none : block_effect(blocks, post.author.anonymous, post.author.persona_id);
  if (effect == BlockEffect::none) {
    json["hidden"] = nullptr;
    return;
  }
  json["hidden"] = effect == BlockEffect::you_blocked ? "blocked" : "unavailable";
  if (effect == BlockEffect::blocked_you && !can_moderate(viewer)) {
    json["author"] = nullptr;
    json["body_html"] = "";
    json["content_warning"] = "";
  }
}

// A thread opened under a name a block stands between (never an anonymous one): "hidden" as
// for posts; the blocked side gets no title and no author. Moderators keep everything.
boost::json::object thread_with_block(const Group& group, const threads::Summary& t, const GroupViewer& viewer,
                                      const BlockSet& blocks) {
  boost::json::object json = thread_summary_json(group, t, is_active_member(viewer));
  const BlockEffect effect = block_effect(blocks, t.author.anonymous || t.opening_removed, t.author.persona_id);
  if (effect == BlockEffect::none) {
    json["hidden"] = nullptr;
    return json;
  }
  json["hidden"] = effect == BlockEffect::you_blocked ? "blocked" : "unavailable";
  if (effect == BlockEffect::blocked_you && !can_moderate(viewer)) {
    json["title"] = "";
    json["author"] = nullptr;
  }
  return json;
}

Response thread_response(const ActionEnvironment& env, const ApiCall& call, ThreadId id,
                         const std::optional<posts::BranchCursor>& after, int branches, int status,
                         const FilterOutcome* outcome = nullptr) {
  const auto page = read_thread(env, id, caller(call), after, branches);
  if (!page) return json_error(thread_not_found());
  const GroupInView& gv = page->thread.group;
  boost::json::array posts;
  const BlockSet blocks = call.viewer ? read_block_set(env, call.viewer->account.id) : BlockSet{};
  const auto badges = read_group_badges(env, gv.group.id);  // personas showing a verified badge
  for (const auto& post : page->view.posts) {
    posts.push_back(post_json(post, gv.viewer));
    if (auto* author = posts.back().as_object().if_contains("author"); author && author->is_object()) {
      add_author_badge(author->as_object(), post.author, badges);
    }
    with_block(posts.back().as_object(), post, gv.viewer, blocks);
  }
  boost::json::object viewer{{"can_reply", can_reply(gv.group.privacy, gv.viewer, page->summary.locked)},
                             {"can_react", can_participate(gv.group.privacy, gv.viewer)},
                             {"can_moderate", can_moderate(gv.viewer)}};
  boost::json::object json{{"thread", thread_with_block(gv.group, page->summary, gv.viewer, blocks)},
                           {"posts", std::move(posts)},
                           {"next", page->view.next ? boost::json::value(posts::format_branch_cursor(*page->view.next))
                                                    : boost::json::value(nullptr)},
                           {"viewer", std::move(viewer)}};
  if (outcome) json["filters"] = filter_outcome_json(*outcome);
  Response response = json_response(status, json);
  if (status == 201) response.set_header("Location", "/api/v1/threads/" + std::to_string(id));
  return response;
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  if (!can_read_content(view->group.privacy, view->viewer)) {
    return json_error(make_error(ErrorCode::forbidden, "Only members can read this group's conversations."));
  }
  std::optional<threads::Cursor> after;
  if (const auto text = call.request.query_value("after"); text && !text->empty()) {
    after = threads::parse_cursor(*text);
    if (!after) return json_error(bad_cursor());
  }
  const auto limit = limit_of(call, default_threads, threads::max_page_size);
  if (!limit) return json_error(limit.error());
  const auto page = read_group_threads(env, view->group.id, caller(call), after, *limit);
  if (!page) return group_not_found_json();
  boost::json::array items;
  const BlockSet blocks = call.viewer ? read_block_set(env, call.viewer->account.id) : BlockSet{};
  for (const auto& t : page->threads) items.push_back(thread_with_block(view->group, t, view->viewer, blocks));
  return json_response(200, {{"threads", std::move(items)},
                             {"next", page->next ? boost::json::value(threads::format_cursor(*page->next))
                                                 : boost::json::value(nullptr)}});
}

Response start(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = draft_from_json(*body, true);
  if (!draft) return json_error(draft.error());
  auto key = idempotency_key_of(call, *body);
  if (!key) return json_error(key.error());
  auto choice = filter_choice_from(*body);
  if (!choice) return json_error(choice.error());
  FilterOutcome outcome;
  auto started = do_start_thread(env, call.viewer->account.id, view->group.id, *draft, *key, *choice, &outcome);
  if (!started) return filter_error_json(started.error(), outcome);
  return thread_response(env, call, started->thread_id, std::nullopt, default_branches, 201, &outcome);
}

Response show(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  std::optional<posts::BranchCursor> after;
  if (const auto text = call.request.query_value("after"); text && !text->empty()) {
    after = posts::parse_branch_cursor(*text);
    if (!after) return json_error(bad_cursor());
  }
  const auto limit = limit_of(call, default_branches, posts::max_branches_per_page);
  if (!limit) return json_error(limit.error());
  return thread_response(env, call, *id, after, *limit, 200);
}

Response reply(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto draft = draft_from_json(*body, false);
  if (!draft) return json_error(draft.error());
  auto key = idempotency_key_of(call, *body);
  if (!key) return json_error(key.error());
  auto parent_text = string_field(*body, "parent_id", 20, false);
  if (!parent_text) return json_error(parent_text.error());
  std::optional<PostId> parent;
  if (!parent_text->empty()) {
    parent = api_id(*parent_text);
    if (!parent)
      return json_error(make_error(ErrorCode::invalid_input, "\"parent_id\" must be a post id.", "parent_id"));
  }
  auto choice = filter_choice_from(*body);
  if (!choice) return json_error(choice.error());
  FilterOutcome outcome;
  PlacedReply placed;
  auto posted = do_reply(env, call.viewer->account.id, *id, parent, *draft, *key, *choice, &outcome, &placed);
  if (!posted) {
    Error error = posted.error();
    if (error.field == "parent") error.field = "parent_id";
    return filter_error_json(error, outcome);
  }
  if (placed.id != *posted) {  // found after a lost race for its key: read where it is
    const auto post = env.store.read([&](Connection& c) { return find_post_in(c, *posted, call.viewer->account.id); });
    if (!post) return json_error(post_not_found());
    placed = {post->post.id, post->post.parent_id, post->post.depth, post->post.anonymous,
              post->thread.group.group.slug};
  }
  const std::string thread = std::to_string(*id);
  const std::string post = std::to_string(placed.id);
  Response response =
      json_response(201, {{"post",
                           {{"id", post},
                            {"thread_id", thread},
                            {"parent_id", placed.parent_id ? boost::json::value(std::to_string(*placed.parent_id))
                                                           : boost::json::value(nullptr)},
                            {"depth", placed.depth},
                            {"anonymous", placed.anonymous},
                            // ?post= makes the page show the reply, which may be beyond the first page.
                            {"url", "/g/" + placed.group_slug + "/t/" + thread + "?post=" + post + "#post-" + post}}},
                          {"filters", filter_outcome_json(outcome)}});
  response.set_header("Location", "/api/v1/threads/" + thread);
  return response;
}

Response update(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  for (const char* name : {"pinned", "locked"}) {
    const auto* value = body->if_contains(name);
    if (!value || value->is_null()) continue;
    if (!value->is_bool()) {
      return json_error(
          make_error(ErrorCode::invalid_input, std::string("\"") + name + "\" must be true or false.", name));
    }
    const Status done = std::string_view(name) == "pinned"
                            ? do_set_thread_pinned(env, call.viewer->account.id, *id, value->as_bool())
                            : do_set_thread_locked(env, call.viewer->account.id, *id, value->as_bool());
    if (!done) return json_error(done.error());
  }
  return thread_response(env, call, *id, std::nullopt, default_branches, 200);
}

Response follow(const ActionEnvironment& env, ApiCall& call, bool on) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  if (auto done = do_follow_thread(env, call.viewer->account.id, *id, on); !done) return json_error(done.error());
  return no_content();
}

Response mark_read(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  if (!id) return json_error(thread_not_found());
  if (auto done = do_mark_thread_read(env, call.viewer->account.id, *id); !done) return json_error(done.error());
  return no_content();
}

Response feed(const ActionEnvironment& env, ApiCall& call) {
  const auto limit = limit_of(call, 50, thread_reads::max_feed_size);
  if (!limit) return json_error(limit.error());
  boost::json::array items;
  for (const auto& entry : read_home_feed(env, call.viewer->account.id, *limit))
    items.push_back(feed_entry_json(entry));
  return json_response(200, {{"threads", std::move(items)}});
}

}  // namespace

void add_thread_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, Access access, auto handler, const char* name) {
    routes.push_back(
        {method, pattern, api_endpoint(env, access, [&env, handler](ApiCall& c) { return handler(env, c); }), name});
  };
  route(Method::get, "/api/v1/groups/{slug}/threads", Access::anyone, list, "api.threads.list");
  route(Method::post, "/api/v1/groups/{slug}/threads", Access::member, start, "api.threads.create");
  route(Method::get, "/api/v1/threads/{id}", Access::anyone, show, "api.threads.get");
  route(Method::patch, "/api/v1/threads/{id}", Access::member, update, "api.threads.update");
  route(Method::post, "/api/v1/threads/{id}/posts", Access::member, reply, "api.threads.reply");
  route(
      Method::put, "/api/v1/threads/{id}/follow", Access::member,
      [](const ActionEnvironment& e, ApiCall& c) { return follow(e, c, true); }, "api.threads.follow");
  route(
      Method::delete_, "/api/v1/threads/{id}/follow", Access::member,
      [](const ActionEnvironment& e, ApiCall& c) { return follow(e, c, false); }, "api.threads.unfollow");
  route(Method::post, "/api/v1/threads/{id}/read", Access::member, mark_read, "api.threads.read");
  route(Method::get, "/api/v1/me/feed", Access::member, feed, "api.me.feed");
}

}  // namespace hearth
