// GET/POST /invite/{token}: joining through an invite link (the only way into a hidden
// group). The link itself is the secret: whoever holds a working one sees the group's name
// and rules; a wrong, expired, used-up or withdrawn link gets the same "doesn't work" page.
#include "actions/invite_lookup.hpp"
#include "actions/membership.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

Response link_not_working(PageContext& context) {
  return message_page(context, 404, "This invite link doesn't work",
                      "It may have expired, been used up or been withdrawn, or part of it may be missing. Please ask "
                      "the person who sent it for a new one.");
}

std::string invite_path(const PageContext& context) {
  return "/invite/" + percent_encode(context.request.param("token").value_or(""));
}

Response form(PageContext& context, const Group& g, const std::optional<Error>& error, int status) {
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, g.id); });
  Html h;
  h.m("<section class=\"card narrow-wide\"><p class=\"meta\">You're invited to</p><h1>").t(g.name).m("</h1>");
  if (error) error_summary(h, *error);
  h.m("<p class=\"lead\">").t(g.description).m("</p><p>").t(privacy_label(g.privacy)).m(". ")
      .t(privacy_explained(g.privacy)).m("</p>");
  if (!context.viewer) {
    const std::string next = percent_encode(invite_path(context));
    h.m("<p><a class=\"button\" href=\"/login?next=").t(next).m("\">Log in to join</a></p><p class=\"hint\">New to "
        "Hearth? <a href=\"/signup\">Join Hearth</a> first (no email or real name needed), then open this invite link "
        "again.</p></section>");
    return render_page(context, {.title = "You're invited"}, h, status);
  }
  h.m("<form method=\"post\" action=\"").t(invite_path(context)).m("\" novalidate>");
  csrf_input(h, context);
  h.m("<h2>The group's rules</h2>");
  if (rules.empty()) {
    h.m("<p>This group has no rules of its own yet. Be kind; Hearth's basic courtesy applies.</p>");
  } else {
    rules_list(h, rules);
    checkbox_field(h, "accept_rules", "I accept the group's rules", {}, context.has_field("accept_rules"),
                   error_for(error, "accept_rules"));
  }
  persona_choice_fields(h, context, my_personas(context), error);
  h.m("<button type=\"submit\" class=\"button\">Join the group</button></form></section>");
  return render_page(context, {.title = "You're invited"}, h, status);
}

bool is_active_member_of(const PageContext& context, GroupId group_id) {
  const AccountId account = context.viewer->account.id;
  return context.env.store.read([&](Connection& c) {
    const auto membership = memberships::find(c, group_id, account);
    return membership && membership->status == MembershipStatus::active;
  });
}

Response show(PageContext& context) {
  const auto group = find_group_by_invite(context.env, context.request.param("token").value_or(""));
  if (!group) return link_not_working(context);
  if (context.viewer && is_active_member_of(context, group->id)) return redirect_see_other(group_url(*group));
  return form(context, *group, std::nullopt, 200);
}

Response submit(PageContext& context) {
  const std::string token = context.request.param("token").value_or("");
  const auto group = find_group_by_invite(context.env, token);
  if (!group) return link_not_working(context);
  auto persona = persona_choice_from_form(context);
  if (!persona) return form(context, *group, persona.error(), status_for(persona.error()));
  auto joined = do_join_with_invite(context.env, context.viewer->account.id, token,
                                    JoinRequest{*persona, context.has_field("accept_rules"), {}});
  if (!joined) {
    if (joined.error().code == ErrorCode::not_found) return link_not_working(context);
    if (joined.error().code == ErrorCode::forbidden) {
      return message_page(context, 403, "You can't join this group", joined.error().message);
    }
    return form(context, *group, joined.error(), status_for(joined.error()));
  }
  return redirect_see_other(group_url(*joined, "?welcome=1"));
}

}  // namespace

void add_join_invite_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/invite/{token}", web_page(env, PageAccess::anyone, show), "web.invite"});
  routes.push_back({Method::post, "/invite/{token}", web_page(env, PageAccess::members_only, submit),
                    "web.invite.accept"});
}

}  // namespace hearth
