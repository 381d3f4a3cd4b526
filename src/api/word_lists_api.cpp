// The safety filters' word lists (docs/filters.md):
//   GET/POST  /api/v1/groups/{slug}/watched-words         a group's list (its moderators)
//   DELETE    /api/v1/groups/{slug}/watched-words/{id}
//   GET/PATCH /api/v1/groups/{slug}/filter-settings       {"strict_third_party": …} (admins change it)
//   GET/POST  /api/v1/admin/watched-words                 the platform's list (platform admins)
//   DELETE    /api/v1/admin/watched-words/{id}
//   GET/POST  /api/v1/me/mute-words, DELETE /api/v1/me/mute-words/{id}: the caller's own mute words
#include <boost/json.hpp>

#include "actions/word_lists.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"
#include "safety/list_entry.hpp"

namespace hearth {
namespace {

boost::json::object word_json(const WatchedWord& w) {
  return {{"id", std::to_string(w.id)},
          {"phrase", w.phrase},
          {"action", watch_action_name(w.action)},
          {"message", w.message},
          {"created_at", format_rfc3339(w.created_at)}};
}

// The list's group: {slug}'s for group routes (nothing when it doesn't exist for the
// caller), none for the platform's.
struct Scope {
  std::optional<GroupId> group;
  bool missing = false;
};
Scope scope_of(const ActionEnvironment& env, const ApiCall& call, bool platform) {
  if (platform) return {};
  auto group = api_group(env, call);
  if (!group) return {std::nullopt, true};
  return {group->group.id, false};
}

Result<WatchAction> action_from(const boost::json::object& body, bool required) {
  auto name = string_field(body, "action", 20, required, "flag");
  if (!name) return name.error();
  const auto action = parse_watch_action(*name);
  if (!action) {
    return make_error(ErrorCode::invalid_input, "\"action\" is \"block\", \"hold\", \"flag\" or \"censor\".", "action");
  }
  return *action;
}

Response list(const ActionEnvironment& env, ApiCall& call, bool platform) {
  const Scope scope = scope_of(env, call, platform);
  if (scope.missing) return group_not_found_json();
  auto view = read_watched_words(env, call.viewer->account.id, scope.group);
  if (!view) return json_error(view.error());
  boost::json::array words;
  for (const auto& w : view->words) words.push_back(word_json(w));
  return json_response(200, {{"watched_words", std::move(words)}});
}

Response add(const ActionEnvironment& env, ApiCall& call, bool platform) {
  const Scope scope = scope_of(env, call, platform);
  if (scope.missing) return group_not_found_json();
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto phrase = string_field(*body, "phrase", 200, true);
  if (!phrase) return json_error(phrase.error());
  auto action = action_from(*body, false);
  if (!action) return json_error(action.error());
  auto message = string_field(*body, "message", safety::max_block_message_length, false);
  if (!message) return json_error(message.error());
  auto id = do_add_watched_word(env, call.viewer->account.id, scope.group, {*phrase, *action, *message});
  if (!id) return json_error(id.error());
  auto view = read_watched_words(env, call.viewer->account.id, scope.group);
  if (view) {
    for (const auto& w : view->words) {
      if (w.id == *id) return json_response(201, {{"watched_word", word_json(w)}});
    }
  }
  return json_response(201, {{"watched_word", {{"id", std::to_string(*id)}}}});
}

Response remove(const ActionEnvironment& env, ApiCall& call, bool platform) {
  const Scope scope = scope_of(env, call, platform);
  if (scope.missing) return group_not_found_json();
  const auto id = path_id(call, "id");
  auto done = do_remove_watched_word(env, call.viewer->account.id, scope.group, id.value_or(0));
  if (!done) return json_error(done.error());
  return no_content();
}

Response settings(const ActionEnvironment& env, ApiCall& call) {
  const Scope scope = scope_of(env, call, false);
  if (scope.missing) return group_not_found_json();
  if (call.request.method == Method::patch) {
    auto body = parse_json_object(call.request);
    if (!body) return json_error(body.error());
    const auto* strict = body->if_contains("strict_third_party");
    if (!strict || !strict->is_bool()) {
      return json_error(make_error(ErrorCode::invalid_input, "\"strict_third_party\" must be true or false.",
                                   "strict_third_party"));
    }
    auto done = do_set_strict_third_party(env, call.viewer->account.id, *scope.group, strict->as_bool());
    if (!done) return json_error(done.error());
  }
  auto view = read_watched_words(env, call.viewer->account.id, scope.group);
  if (!view) return json_error(view.error());
  return json_response(200, {{"strict_third_party", view->strict_third_party}});
}

Response mute_list(const ActionEnvironment& env, ApiCall& call) {
  boost::json::array words;
  for (const auto& w : read_mute_words(env, call.viewer->account.id)) {
    words.push_back({{"id", std::to_string(w.id)}, {"phrase", w.phrase}, {"created_at", format_rfc3339(w.created_at)}});
  }
  return json_response(200, {{"mute_words", std::move(words)}});
}

Response mute_add(const ActionEnvironment& env, ApiCall& call) {
  auto body = parse_json_object(call.request);
  if (!body) return json_error(body.error());
  auto phrase = string_field(*body, "phrase", 200, true);
  if (!phrase) return json_error(phrase.error());
  auto id = do_add_mute_word(env, call.viewer->account.id, *phrase);
  if (!id) return json_error(id.error());
  return json_response(201, {{"mute_word", {{"id", std::to_string(*id)}, {"phrase", *phrase}}}});
}

Response mute_remove(const ActionEnvironment& env, ApiCall& call) {
  const auto id = path_id(call, "id");
  (void)do_remove_mute_word(env, call.viewer->account.id, id.value_or(0));
  return no_content();
}

}  // namespace

void add_word_list_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }), name});
  };
  const auto lists = [&](Method method, const char* group_pattern, const char* admin_pattern, auto handler,
                         const char* group_name, const char* admin_name) {
    route(method, group_pattern, [handler](const ActionEnvironment& e, ApiCall& c) { return handler(e, c, false); },
          group_name);
    route(method, admin_pattern, [handler](const ActionEnvironment& e, ApiCall& c) { return handler(e, c, true); },
          admin_name);
  };
  lists(Method::get, "/api/v1/groups/{slug}/watched-words", "/api/v1/admin/watched-words", list,
        "api.groups.watched_words", "api.admin.watched_words");
  lists(Method::post, "/api/v1/groups/{slug}/watched-words", "/api/v1/admin/watched-words", add,
        "api.groups.watched_words.add", "api.admin.watched_words.add");
  lists(Method::delete_, "/api/v1/groups/{slug}/watched-words/{id}", "/api/v1/admin/watched-words/{id}", remove,
        "api.groups.watched_words.remove", "api.admin.watched_words.remove");
  route(Method::get, "/api/v1/groups/{slug}/filter-settings", settings, "api.groups.filter_settings");
  route(Method::patch, "/api/v1/groups/{slug}/filter-settings", settings, "api.groups.filter_settings.update");
  route(Method::get, "/api/v1/me/mute-words", mute_list, "api.me.mute_words");
  route(Method::post, "/api/v1/me/mute-words", mute_add, "api.me.mute_words.add");
  route(Method::delete_, "/api/v1/me/mute-words/{id}", mute_remove, "api.me.mute_words.remove");
}

}  // namespace hearth
