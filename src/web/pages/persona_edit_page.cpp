// GET /me/personas and GET/POST /me/personas/{id}: the member's own pseudonyms, where each
// is used, and editing one: its name and each profile field with its own audience.
#include "actions/personas.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "web/context_note_views.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct UsedIn {
  std::string slug;
  std::string name;
};

// The groups where each of the account's personas is an active member (the owner's own
// view: nobody else ever sees two groups side by side).
std::vector<UsedIn> groups_using(Connection& c, AccountId account, PersonaId persona) {
  std::vector<UsedIn> used;
  for (const auto& group : memberships::groups_of(c, account)) {
    const auto membership = memberships::find(c, group.id, account);
    if (membership && membership->persona_id == persona) used.push_back({group.slug, group.name});
  }
  return used;
}

void used_in_list(Html& h, const std::vector<UsedIn>& used) {
  if (used.empty()) {
    h.m("<p class=\"hint\">Not used in any group right now.</p>");
    return;
  }
  h.m("<p class=\"hint\">Used in: ");
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (i > 0) h.m(", ");
    h.m("<a href=\"/g/").t(used[i].slug).m("\">").t(used[i].name).m("</a>");
  }
  h.m("</p>");
}

Response list(PageContext& context) {
  const AccountId account = context.viewer->account.id;
  struct Item {
    Persona persona;
    std::vector<UsedIn> used;
  };
  const auto items = context.env.store.read([&](Connection& c) {
    std::vector<Item> all;
    for (auto& persona : personas::of_account(c, account)) {
      auto used = groups_using(c, account, persona.id);
      all.push_back({std::move(persona), std::move(used)});
    }
    return all;
  });
  Html h;
  h.m("<h1>Your pseudonyms</h1><p class=\"lead\">Each group knows you only by the pseudonym you use there. Only you "
      "can see this list.</p>");
  if (items.empty()) {
    h.m("<p>You don't have any yet. You get one when you <a href=\"/groups\">join or start a group</a>.</p>");
  } else {
    h.m("<ul class=\"cards\">");
    for (const auto& item : items) {
      h.m("<li class=\"card\"><h2>").t(item.persona.name).m("</h2>");
      used_in_list(h, item.used);
      h.m("<p><a href=\"/me/personas/").num(item.persona.id).m("\">Edit<span class=\"visually-hidden\"> ")
          .t(item.persona.name).m("</span></a></p></li>");
    }
    h.m("</ul>");
  }
  return render_page(context, {.title = "Your pseudonyms"}, h);
}

std::optional<Persona> own_persona(const PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  if (!id) return std::nullopt;
  const AccountId account = context.viewer->account.id;
  return context.env.store.read([&](Connection& c) -> std::optional<Persona> {
    auto persona = personas::find(c, *id);
    if (!persona || persona->account_id != account) return std::nullopt;
    return persona;
  });
}

Response form(PageContext& context, const Persona& stored, const Persona& shown, const std::optional<Error>& error,
              int status) {
  const AccountId account = context.viewer->account.id;
  const auto used = context.env.store.read([&](Connection& c) { return groups_using(c, account, stored.id); });
  Html h;
  h.m("<p class=\"meta\"><a href=\"/me/personas\">Your pseudonyms</a></p><h1>").t(stored.name).m("</h1>");
  if (error) error_summary(h, *error);
  if (context.request.query_value("saved")) notice(h, "Your profile is saved.");
  used_in_list(h, used);
  h.m("<p>For each detail, choose who may see it: only you, the members of the group where they meet you, or "
      "everyone who can see that group. Anything you leave at \"Only me\" stays private.</p>"
      "<form method=\"post\" action=\"/me/personas/").num(stored.id).m("\" class=\"card\" novalidate>");
  csrf_input(h, context);
  persona_profile_fields(h, shown, error);
  h.m("<button type=\"submit\" class=\"button\">Save</button></form>");
  badge_choice_card(h, context, stored.id);  // verified members only
  message_setting_card(h, context, stored.id);  // docs/messages.md
  return render_page(context, {.title = "Edit " + stored.name}, h, status);
}

Response show(PageContext& context) {
  const auto persona = own_persona(context);
  if (!persona) return group_not_found_page(context);
  return form(context, *persona, *persona, std::nullopt, 200);
}

Response save(PageContext& context) {
  const auto persona = own_persona(context);
  if (!persona) return group_not_found_page(context);
  const Persona draft = persona_from_form(context);
  auto updated = do_update_persona(context.env, context.viewer->account.id, persona->id, draft);
  if (!updated) return form(context, *persona, draft, updated.error(), status_for(updated.error()));
  return redirect_see_other("/me/personas/" + std::to_string(persona->id) + "?saved=1");
}

}  // namespace

void add_persona_edit_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/me/personas", web_page(env, members, list), "web.me.personas"});
  routes.push_back({Method::get, "/me/personas/{id}", web_page(env, members, show), "web.me.persona"});
  routes.push_back({Method::post, "/me/personas/{id}", web_page(env, members, save), "web.me.persona.save"});
}

}  // namespace hearth
