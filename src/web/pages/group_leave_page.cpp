// GET/POST /g/{slug}/leave: leaving a group, after a plain confirmation.
#include "actions/membership.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

Response confirm(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Group& g = view->group;
  if (!is_active_member(view->viewer)) return redirect_see_other(group_url(g));
  Html h;
  h.m("<section class=\"card narrow\"><h1>Leave ").t(g.name).m("?</h1><p>What you have posted stays, under your "
      "pseudonym. ");
  if (g.privacy == Privacy::private_group) h.m("To come back you would need to ask to join again.");
  else if (g.privacy == Privacy::hidden_group) h.m("To come back you would need a new invitation.");
  else h.m("You can join again whenever you like.");
  h.m("</p><form method=\"post\" action=\"").t(group_url(g, "/leave")).m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">Leave the group</button> <a href=\"").t(group_url(g))
      .m("\">Stay</a></form></section>");
  return render_page(context, {.title = "Leave " + g.name}, h);
}

Response leave(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Status left = do_leave_group(context.env, context.viewer->account.id, view->group.id);
  if (!left) {
    if (left.error().code == ErrorCode::not_found) return redirect_see_other(group_url(view->group));
    return message_page(context, status_for(left.error()), "You can't leave yet", left.error().message,
                        group_url(view->group, "/manage"), "Manage the group");
  }
  return redirect_see_other("/groups?left=1");
}

}  // namespace

void add_group_leave_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/leave", web_page(env, PageAccess::members_only, confirm),
                    "web.group.leave"});
  routes.push_back({Method::post, "/g/{slug}/leave", web_page(env, PageAccess::members_only, leave),
                    "web.group.leave.submit"});
}

}  // namespace hearth
