// GET/POST /g/{slug}/new: start a conversation. Title, text, an optional content warning
// and, where the group allows it, posting anonymously; the group's rules beside the form.
#include "actions/threads.hpp"
#include "store/groups.hpp"
#include "web/error_page.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

// The form, new or shown again (after a mistake, with the words a filter refused marked; or
// after "Edit" on the filters' prompt).
struct Again {
  std::optional<FilterPrompt> blocked;
  bool nudged = false;
};

Response form(PageContext& context, const GroupInView& view, const PostFormValues& values,
              const std::optional<Error>& error, int status, const Again& again = {}) {
  const Group& g = view.group;
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, g.id); });
  Html h;
  h.m("<div class=\"group-layout\"><div class=\"group-main\"><p class=\"crumb\"><a href=\"").t(group_url(g)).m("\">")
      .t(g.name).m("</a></p><section class=\"card\" aria-labelledby=\"new-h\"><h1 id=\"new-h\">Start a conversation"
                   "</h1>");
  if (error) error_summary(h, *error);
  if (error && again.blocked) blocked_preview(h, *again.blocked);
  h.m("<p>Share what's on your mind, ask a question, or tell the group how things are going. Everyone here has "
      "been somewhere close to where you are.</p><form method=\"post\" data-prompt action=\"")
      .t(group_url(g, "/new")).m("\">");
  csrf_input(h, context);
  idempotency_input(h, values.idempotency_key);
  if (again.nudged) h.m("<input type=\"hidden\" name=\"nudged\" value=\"1\">");
  post_fields(h, values, {.title = true, .anonymous_choice = g.anonymous_posting}, error);
  h.m("<button type=\"submit\" class=\"button\">Post</button> <a href=\"").t(group_url(g))
      .m("\">Not now</a></form></section></div><aside class=\"group-side\" aria-label=\"Group rules\">");
  rules_card(h, rules);
  h.m("</aside></div>");
  return render_page(context, {.title = "Start a conversation · " + g.name}, h, status);
}

// The group, if the viewer may start a conversation in it; otherwise the page that says why.
struct Allowed {
  std::optional<GroupInView> group;
  std::optional<Response> refusal;
};

Allowed allowed(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return {std::nullopt, render_not_found(context)};
  if (!can_participate(view->group.privacy, view->viewer)) {
    if (!can_read_content(view->group.privacy, view->viewer)) return {std::nullopt, members_only_page(context, *view)};
    return {std::nullopt, participation_refused_page(context, *view, participation_refused(view->viewer))};
  }
  return {std::move(view), std::nullopt};
}

Response show(PageContext& context) {
  auto check = allowed(context);
  if (!check.group) return std::move(*check.refusal);
  return form(context, *check.group, {.idempotency_key = new_idempotency_key()}, std::nullopt, 200);
}

Response submit(PageContext& context) {
  auto check = allowed(context);
  if (!check.group) return std::move(*check.refusal);
  const GroupInView& view = *check.group;
  PostFormValues values = post_form_values(context);
  if (prompt_cancelled(context)) return redirect_see_other(group_url(view.group));  // "Cancel" on the prompt
  if (prompt_edit(context)) return form(context, view, values, std::nullopt, 200, {std::nullopt, prompt_nudged(context)});
  FilterOutcome outcome;
  auto started = do_start_thread(context.env, context.viewer->account.id, view.group.id, draft_of(values),
                                 values.idempotency_key, filter_choice(context), &outcome);
  if (started) {
    std::string url = thread_url(view.group, started->thread_id);
    if (outcome.crisis) url += "?crisis=" + std::to_string(started->post_id) + "#support";
    return wants_json(context) ? posted_json(url) : redirect_see_other(url);
  }
  const Error& error = started.error();
  if (needs_confirmation(error) && outcome.prompt) {
    if (wants_json(context)) return prompt_json(*outcome.prompt);
    return prompt_page(context,
                       {.heading = "Before you start this conversation",
                        .action = group_url(view.group, "/new"),
                        .back = group_url(view.group),
                        .with_title = true,
                        .content_warning = values.content_warning,
                        .anonymous = values.anonymous,
                        .idempotency_key = values.idempotency_key},
                       *outcome.prompt);
  }
  if (error.code == ErrorCode::not_found) return render_not_found(context);
  if (error.code == ErrorCode::forbidden) return participation_refused_page(context, view, error);
  if (error.field == "idempotency_key") values.idempotency_key = new_idempotency_key();
  return form(context, view, values, error, status_for(error), {outcome.prompt, prompt_nudged(context)});
}

}  // namespace

void add_thread_new_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/new", web_page(env, PageAccess::members_only, show), "web.thread.new"});
  routes.push_back({Method::post, "/g/{slug}/new", web_page(env, PageAccess::members_only, submit),
                    "web.thread.new.submit"});
}

}  // namespace hearth
