// GET /g/{slug}/members: the group's active members, as the personas they show there. Only
// for viewers who may read the group's content (anyone for a public group, members for a
// private or hidden one). Listed by role and name, never by join time.
#include "actions/blocking.hpp"
#include "actions/verification.hpp"
#include "store/memberships.hpp"
#include "web/group_views.hpp"
#include "web/context_note_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

constexpr int members_shown = 1000;

Response members(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Group& g = view->group;
  if (!can_read_content(g.privacy, view->viewer)) {
    return message_page(context, 403, "Only members can see who belongs",
                        "The members of this group are visible to its members only.", group_url(g),
                        "Back to the group");
  }
  auto [list, total] = context.env.store.read([&](Connection& c) {
    return std::pair(memberships::active_members(c, g.id, members_shown), memberships::count_active(c, g.id));
  });
  // Blocks, both ways (docs/blocking.md): neither sees the other listed, nor counted.
  if (context.viewer) total -= drop_blocked_members(list, read_block_set(context.env, context.viewer->account.id));
  Html h;
  h.m("<p class=\"meta\"><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></p><h1>Members</h1><p>").num(total)
      .t(total == 1 ? " member" : " members").m(", shown by the pseudonym they use in this group.</p>");
  h.m("<ul class=\"member-list\">");
  const auto badges = read_group_badges(context.env, g.id);  // personas showing a verified badge
  for (const auto& m : list) {
    h.m("<li><a href=\"").t(group_url(g, "/p/" + std::to_string(m.persona_id))).m("\">").t(m.persona_name).m("</a>");
    if (m.role != Role::member) h.m(" <span class=\"badge\">").t(role_label(m.role)).m("</span>");
    if (m.trained_volunteer) h.m(" <span class=\"badge badge-volunteer\">Trained volunteer</span>");
    if (const auto b = badges.find(m.persona_id); b != badges.end()) verified_badge(h, b->second);
    h.m("</li>");
  }
  h.m("</ul>");
  if (total > members_shown) h.m("<p class=\"hint\">Showing the first ").num(members_shown).m(".</p>");
  return render_page(context, {.title = "Members of " + g.name}, h);
}

}  // namespace

void add_group_members_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/members", web_page(env, PageAccess::anyone, members), "web.group.members"});
}

}  // namespace hearth
