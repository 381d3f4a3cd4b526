// GET/POST /groups/new: start a group; the creator becomes its owner under a pseudonym.
#include "actions/groups.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

Response form(PageContext& context, const GroupDraft& draft, const std::optional<Error>& error, int status) {
  Html h;
  h.m("<h1>Start a group</h1>");
  if (error) error_summary(h, *error);
  h.m("<p class=\"lead\">A group is a place for people who share an experience. You can change everything here "
      "later.</p><form method=\"post\" action=\"/groups/new\" class=\"card group-form\" novalidate>");
  csrf_input(h, context);
  group_fields(h, draft, error);
  persona_choice_fields(h, context, my_personas(context), error);
  h.m("<button type=\"submit\" class=\"button\">Start the group</button></form>");
  return render_page(context, {.title = "Start a group"}, h, status);
}

Response show(PageContext& context) {
  GroupDraft draft;
  draft.privacy = "public";
  draft.languages = {context.viewer->account.language.empty() ? "en" : context.viewer->account.language};
  return form(context, draft, std::nullopt, 200);
}

Response create(PageContext& context) {
  const GroupDraft draft = group_draft_from_form(context);
  auto persona = persona_choice_from_form(context);
  if (!persona) return form(context, draft, persona.error(), status_for(persona.error()));
  auto group = do_create_group(context.env, context.viewer->account.id, draft, *persona);
  if (!group) return form(context, draft, group.error(), status_for(group.error()));
  return redirect_see_other(group_url(*group, "?created=1"));
}

}  // namespace

void add_group_new_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/groups/new", web_page(env, PageAccess::members_only, show), "web.groups.new"});
  routes.push_back({Method::post, "/groups/new", web_page(env, PageAccess::members_only, create),
                    "web.groups.create"});
}

}  // namespace hearth
