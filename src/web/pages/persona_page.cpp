// GET /g/{slug}/p/{persona_id}: a member as they appear in one group. Each profile field is
// shown only to the audience its owner chose (policy can_see_field); the owner sees every
// field with its audience beside it. Never shown: the account, other groups, join time.
#include "actions/blocking.hpp"
#include "actions/verification.hpp"
#include "domain/country.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/context_note_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct PersonaInGroup {
  Persona persona;
  Role role = Role::member;
  bool volunteer = false;
  int64_t helped = 0;
};

std::optional<PersonaInGroup> load(const PageContext& context, GroupId group_id, PersonaId persona_id) {
  return context.env.store.read([&](Connection& c) -> std::optional<PersonaInGroup> {
    if (!personas::is_active_in(c, persona_id, group_id)) return std::nullopt;
    auto persona = personas::find(c, persona_id);
    if (!persona) return std::nullopt;
    const auto membership = memberships::find(c, group_id, persona->account_id);
    if (!membership) return std::nullopt;
    return PersonaInGroup{*persona, membership->role, membership->trained_volunteer,
                          personas::helped_count(c, persona_id, group_id)};
  });
}

std::string shown_value(std::string_view field, const std::string& value) {
  if (field == "connection") return std::string(connection_label(value).value_or(value));
  if (field == "region") {
    const Country* country = find_country(value);
    return country ? std::string(country->name) : value;
  }
  return value;
}

// Block or unblock this name (docs/blocking.md); the block page explains what it does.
void block_controls(Html& h, const PageContext& context, const Group& g, const Persona& p) {
  const BlockSet blocks = read_block_set(context.env, context.viewer->account.id);
  if (block_effect(blocks, false, p.id) != BlockEffect::you_blocked) {
    h.m("<p><a href=\"").t(group_url(g, "/members/" + std::to_string(p.id) + "/block")).m("\">Block ").t(p.name)
        .m("</a></p>");
    return;
  }
  if (context.request.query_value("blocked")) notice(h, "You've blocked " + p.name + ".");
  h.m("<div><p>You've blocked ").t(p.name).m(".</p><form method=\"post\" action=\"/settings/blocked/unblock\">");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"persona\" value=\"").num(p.id).m("\"><input type=\"hidden\" name=\"back\" value=\"")
      .t(group_url(g, "/p/" + std::to_string(p.id))).m("\"><button type=\"submit\" class=\"link-button\">Unblock ")
      .t(p.name).m("</button></form></div>");
}

Response persona_page(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Group& g = view->group;
  if (!can_read_content(g.privacy, view->viewer)) {
    return message_page(context, 403, "Only members can see who belongs",
                        "The members of this group are visible to its members only.", group_url(g), "Back to the group");
  }
  const auto persona_id = parse_id(context.request.param("persona_id").value_or(""));
  const auto found = persona_id ? load(context, g.id, *persona_id) : std::nullopt;
  if (!found) return group_not_found_page(context);
  const Persona& p = found->persona;
  const bool is_self = context.viewer && context.viewer->account.id == p.account_id;
  const bool member = is_active_member(view->viewer);
  const bool sees_group = can_see_group(g.privacy, view->viewer);

  Html h;
  h.m("<section class=\"card narrow-wide\"><p class=\"meta\">In <a href=\"").t(group_url(g)).m("\">").t(g.name)
      .m("</a></p><h1>").t(p.name).m("</h1><p>");
  h.t(role_label(found->role));
  if (found->volunteer) h.m(" <span class=\"badge badge-volunteer\">Trained volunteer</span>");
  if (const auto badge = read_persona_badge(context.env, p.id)) verified_badge(h, *badge);  // the member chose to show it
  h.m("</p>");
  if (found->helped > 0) {
    h.m("<p>Others marked their posts “This helped” ").num(found->helped).t(found->helped == 1 ? " time." : " times.")
        .m("</p>");
  }
  if (is_self) {
    h.m("<p class=\"hint\">This is you. Others see only the fields their audience allows. <a href=\"/me/personas/")
        .num(p.id).m("\">Edit your profile</a></p>");
  }
  if (context.viewer && !is_self) message_link_html(h, context, g, p.id);  // docs/messages.md
  if (context.viewer && !is_self) block_controls(h, context, g, p);
  struct Entry {
    const char* field;
    const char* label;
    const Disclosed<std::string>* value;
  };
  const Entry entries[] = {{"about", "About me", &p.about},
                           {"connection", "Connection to the topic", &p.connection},
                           {"region", "Region", &p.region},
                           {"age_range", "Age range", &p.age_range},
                           {"pronouns", "Pronouns", &p.pronouns}};
  bool any = false;
  for (const auto& e : entries) {
    if (!can_see_field(e.value->audience, is_self, member, sees_group)) continue;
    if (e.value->value.empty() && !is_self) continue;
    if (!any) h.m("<dl class=\"profile\">");
    any = true;
    h.m("<dt>").t(e.label);
    if (is_self) h.m(" <span class=\"meta\">(").t(audience_label(e.value->audience)).m(")</span>");
    h.m("</dt><dd>");
    if (e.value->value.empty()) h.m("<span class=\"meta\">Not filled in</span>");
    else h.t(shown_value(e.field, e.value->value));
    h.m("</dd>");
  }
  if (any) h.m("</dl>");
  else h.m("<p>They haven't shared anything about themselves here.</p>");
  h.m("</section>");
  return render_page(context, {.title = p.name}, h);
}

}  // namespace

void add_persona_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/p/{persona_id}", web_page(env, PageAccess::anyone, persona_page),
                    "web.group.persona"});
}

}  // namespace hearth
