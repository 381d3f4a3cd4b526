// GET/POST /g/{slug}/leave: leaving a group, or withdrawing a request to join, after a plain
// confirmation.
#include "actions/membership.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

bool is_pending(const GroupViewer& viewer) {
  return join_path(Privacy::public_group, viewer) == JoinPath::pending;
}

Response confirm(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Group& g = view->group;
  const bool pending = is_pending(view->viewer);
  if (!is_active_member(view->viewer) && !pending) return redirect_see_other(group_url(g));
  Html h;
  if (pending) {
    h.m("<section class=\"card narrow\"><h1>Withdraw your request?</h1><p>The admins of <strong>").t(g.name)
        .m("</strong> will no longer see it. You can ask again later.</p>");
  } else {
    h.m("<section class=\"card narrow\"><h1>Leave ").t(g.name).m("?</h1><p>What you have posted stays, under your "
        "pseudonym. ");
    if (g.privacy == Privacy::private_group) h.m("To come back you would need to ask to join again.");
    else if (g.privacy == Privacy::hidden_group) h.m("To come back you would need a new invitation.");
    else h.m("You can join again whenever you like.");
    h.m("</p>");
  }
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/leave")).m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">").t(pending ? "Withdraw my request" : "Leave the group")
      .m("</button> <a href=\"").t(group_url(g)).m("\">").t(pending ? "Keep it" : "Stay").m("</a></form></section>");
  return render_page(context, {.title = pending ? std::string("Withdraw your request") : "Leave " + g.name}, h);
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
  if (is_pending(view->viewer)) return redirect_see_other(group_url(view->group, "?withdrawn=1"));
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
