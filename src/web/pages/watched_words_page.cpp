// Watched words (docs/filters.md), kept by a group's moderators and by the platform admins:
//   GET  /g/{slug}/moderation/words              the group's list, a form to add, the strict setting
//   POST /g/{slug}/moderation/words              phrase=…&action=block|hold|flag|censor&message=…
//   POST /g/{slug}/moderation/words/{id}/remove
//   POST /g/{slug}/moderation/words/strict       strict=1|0 (the group's admins)
//   GET/POST /admin/words, POST /admin/words/{id}/remove: the same for the platform's list
// The list is never shown to anyone else: words people can read are words they can avoid.
#include "actions/word_lists.hpp"
#include "safety/list_entry.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

std::string_view action_label(WatchAction action) {
  switch (action) {
    case WatchAction::block:
      return "Block: not posted; the author sees your message";
    case WatchAction::hold:
      return "Hold: a moderator approves it first";
    case WatchAction::flag:
      return "Flag: posted; moderators are told";
    case WatchAction::censor:
      return "Censor: posted with the words masked";
  }
  return "";
}

// Where the list lives: the group's moderation area, or the platform admins'.
std::string list_url(const std::optional<GroupInView>& group, std::string_view rest = {}) {
  return (group ? moderation_url(group->group, "/words") : std::string("/admin/words")) + std::string(rest);
}

struct FormAgain {
  std::string phrase;
  std::string action = "flag";
  std::string message;
  std::optional<Error> error;
};

void add_form(Html& h, const PageContext& context, const WatchedWordsView& view, const FormAgain& again) {
  h.m("<section class=\"card\" aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add a word or phrase</h2>");
  if (again.error) error_summary(h, *again.error);
  h.m("<form method=\"post\" action=\"").t(list_url(view.group)).m("\">");
  csrf_input(h, context);
  const auto field_error = [&](std::string_view name) {
    return again.error && again.error->field == name ? again.error->message : std::string();
  };
  input_field(h, {.name = "phrase", .label = "Word or phrase",
                  .hint = "Matched as whole words, however it is spelled out (capitals, accents, spaces, look-alike "
                          "letters). End with * to match longer words too: diet* matches dieting.",
                  .value = again.phrase, .error = field_error("phrase"), .max_length = 200});
  std::vector<Option> actions;
  for (const WatchAction a : {WatchAction::flag, WatchAction::hold, WatchAction::censor, WatchAction::block}) {
    actions.push_back({std::string(watch_action_name(a)), std::string(action_label(a))});
  }
  select_field(h, {.name = "action", .label = "What happens", .value = again.action}, actions);
  input_field(h, {.name = "message", .label = "Message for the author (block only)",
                  .hint = "Say kindly why it can't be posted here.", .value = again.message,
                  .error = field_error("message"), .required = false,
                  .max_length = static_cast<int>(safety::max_block_message_length)});
  h.m("<button type=\"submit\" class=\"button\">Add</button></form></section>");
}

void list_html(Html& h, const PageContext& context, const WatchedWordsView& view) {
  h.m("<section class=\"card\" aria-labelledby=\"list-h\"><h2 id=\"list-h\">On the list (").num(
      static_cast<int64_t>(view.words.size())).m(")</h2>");
  if (view.words.empty()) {
    h.m("<p>Nothing yet.</p></section>");
    return;
  }
  h.m("<ul class=\"word-list\">");
  for (const auto& w : view.words) {
    h.m("<li><strong>").t(w.phrase).m("</strong> · ").t(watch_action_name(w.action));
    if (!w.message.empty()) h.m(" · “").t(w.message).m("”");
    h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(list_url(view.group, "/" + std::to_string(w.id) + "/remove"))
        .m("\">");
    csrf_input(h, context);
    h.m(" <button type=\"submit\" class=\"link-button\">Remove<span class=\"visually-hidden\"> ").t(w.phrase)
        .m("</span></button></form></li>");
  }
  h.m("</ul></section>");
}

void strict_form(Html& h, const PageContext& context, const WatchedWordsView& view) {
  h.m("<section class=\"card\" aria-labelledby=\"strict-h\"><h2 id=\"strict-h\">Other people's details</h2><p>");
  if (view.strict_third_party) {
    h.m("This group is <strong>strict</strong>: posts that seem to include someone else's name, phone number, "
        "address or other details wait for a moderator.");
  } else {
    h.m("When a post seems to include someone else's name, phone number, address or other details, its author is "
        "asked to reconsider, and can still post it.");
  }
  h.m("</p>");
  if (view.can_change_settings) {
    h.m("<form method=\"post\" action=\"").t(list_url(view.group, "/strict")).m("\">");
    csrf_input(h, context);
    h.m("<input type=\"hidden\" name=\"strict\" value=\"").t(view.strict_third_party ? "0" : "1").m("\">");
    h.m("<button type=\"submit\" class=\"button button-quiet\">")
        .t(view.strict_third_party ? "Ask the author instead" : "Hold such posts for a moderator")
        .m("</button></form>");
  }
  h.m("</section>");
}

Response render(PageContext& context, const WatchedWordsView& view, const FormAgain& again, int status) {
  Html h;
  if (view.group) {
    h.m("<p class=\"meta\"><a href=\"").t(moderation_url(view.group->group)).m("\">Moderation of ")
        .t(view.group->group.name).m("</a></p><h1>Watched words</h1>");
  } else {
    h.m("<p class=\"meta\"><a href=\"/admin\">Platform admin</a></p><h1>Watched words for all of Hearth</h1>");
  }
  if (const auto done = context.request.query_value("done")) {
    notice(h, *done == "removed" ? "Removed. It applies from the next post." : "Saved. It applies from the next post.");
  }
  h.m("<p>Every title, post and reply is checked against ");
  h.t(view.group ? "this list and the platform's before it is posted." : "this list in every group, and direct messages too.");
  h.m(" Only ").t(view.group ? "the group's moderators" : "platform admins").m(" see it.</p>");
  add_form(h, context, view, again);
  list_html(h, context, view);
  if (view.group) strict_form(h, context, view);
  return render_page(context, {.title = "Watched words"}, h, status);
}

// The list's group from the path (none on /admin/words), or the refusal to show.
struct Scope {
  std::optional<GroupId> group;
  std::optional<Response> refusal;
};

Scope scope_of(PageContext& context, bool platform) {
  if (platform) return {};
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, group_not_found_page(context)};
  return {group->group.id, std::nullopt};
}

Response refusal(PageContext& context, const Error& error, bool platform) {
  if (error.code == ErrorCode::not_found) return group_not_found_page(context);
  return message_page(context, status_for(error), "You can't change this list", error.message,
                      platform ? "/" : "/groups", platform ? "Back to the front page" : "Browse groups");
}

Response show(PageContext& context, bool platform) {
  auto scope = scope_of(context, platform);
  if (scope.refusal) return std::move(*scope.refusal);
  auto view = read_watched_words(context.env, context.viewer->account.id, scope.group);
  if (!view) return refusal(context, view.error(), platform);
  return render(context, *view, {}, 200);
}

Response add(PageContext& context, bool platform) {
  auto scope = scope_of(context, platform);
  if (scope.refusal) return std::move(*scope.refusal);
  FormAgain again{context.field("phrase"), context.field("action"), context.field("message"), std::nullopt};
  const auto action = parse_watch_action(again.action);
  Result<int64_t> added = action ? do_add_watched_word(context.env, context.viewer->account.id, scope.group,
                                                       {again.phrase, *action, again.message})
                                 : Result<int64_t>(make_error(ErrorCode::invalid_input,
                                                              "Please choose what happens.", "action"));
  if (added) return redirect_see_other(context.request.path + "?done=added");
  auto view = read_watched_words(context.env, context.viewer->account.id, scope.group);
  if (!view) return refusal(context, view.error(), platform);
  if (added.error().code == ErrorCode::forbidden) return refusal(context, added.error(), platform);
  again.error = added.error();
  return render(context, *view, again, status_for(added.error()));
}

Response remove(PageContext& context, bool platform) {
  auto scope = scope_of(context, platform);
  if (scope.refusal) return std::move(*scope.refusal);
  const auto id = parse_id(context.request.param("id").value_or(""));
  const Status done = do_remove_watched_word(context.env, context.viewer->account.id, scope.group, id.value_or(0));
  if (!done) return refusal(context, done.error(), platform);
  const std::string& path = context.request.path;
  return redirect_see_other(path.substr(0, path.rfind('/', path.rfind('/') - 1)) + "?done=removed");
}

Response set_strict(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return group_not_found_page(context);
  const Status done = do_set_strict_third_party(context.env, context.viewer->account.id, group->group.id,
                                                context.field("strict") == "1");
  if (!done) return refusal(context, done.error(), false);
  return redirect_see_other(moderation_url(group->group, "/words?done=saved"));
}

}  // namespace

void add_watched_words_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto page = [&](auto handler, bool platform) {
    return web_page(env, PageAccess::members_only,
                    [handler, platform](PageContext& context) { return handler(context, platform); });
  };
  routes.push_back({Method::get, "/g/{slug}/moderation/words", page(show, false), "web.group.words"});
  routes.push_back({Method::post, "/g/{slug}/moderation/words", page(add, false), "web.group.words.add"});
  routes.push_back({Method::post, "/g/{slug}/moderation/words/{id}/remove", page(remove, false),
                    "web.group.words.remove"});
  routes.push_back({Method::post, "/g/{slug}/moderation/words/strict",
                    web_page(env, PageAccess::members_only, set_strict), "web.group.words.strict"});
  routes.push_back({Method::get, "/admin/words", page(show, true), "web.admin.words"});
  routes.push_back({Method::post, "/admin/words", page(add, true), "web.admin.words.add"});
  routes.push_back({Method::post, "/admin/words/{id}/remove", page(remove, true), "web.admin.words.remove"});
}

}  // namespace hearth
