// Blocking a member, and the list of people one has blocked (docs/blocking.md).
//   GET  /g/{slug}/members/{persona_id}/block   what blocking does, and a button to confirm
//   POST /g/{slug}/members/{persona_id}/block   block (303 back to the member's page)
//   GET  /settings/blocked                      "People you've blocked", each with Unblock
//   POST /settings/blocked/unblock              persona=<id>&back=<member page, optional>
//
// A block is about the name the viewer saw; the page says so, and says that anonymous posts
// are never affected (blocking them would tell who wrote them).
#include "actions/blocking.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

// Where "back" may lead after unblocking: only a member's page on this site.
std::string safe_back(std::string_view back) {
  if (back.starts_with("/g/") && back.find("//") == std::string_view::npos && back.find('\\') == std::string_view::npos) {
    return std::string(back);
  }
  return "/settings/blocked";
}

void unblock_form(Html& h, const PageContext& context, PersonaId persona, std::string_view name, std::string_view back) {
  h.m("<form method=\"post\" class=\"inline-form\" action=\"/settings/blocked/unblock\">");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"persona\" value=\"").num(persona).m("\">");
  if (!back.empty()) h.m("<input type=\"hidden\" name=\"back\" value=\"").t(back).m("\">");
  h.m("<button type=\"submit\" class=\"link-button\">Unblock<span class=\"visually-hidden\"> ").t(name)
      .m("</span></button></form>");
}

void what_blocking_does(Html& h) {
  h.m("<ul><li>Their posts are folded away for you, behind “Hidden because you blocked this member”. You can "
      "still open one if you need to.</li>"
      "<li>They won't see the posts you write under your name in this group.</li>"
      "<li>Neither of you can reply to the other's posts, and you won't see each other in member lists.</li>"
      "<li>We don't tell them. They may notice that your posts aren't available to them.</li>"
      "<li>Anonymous posts are never hidden or affected by a block, so that a block can never reveal who wrote "
      "one.</li>"
      "<li>The group's moderators can still see and act on everything, as before.</li></ul>"
      "<p class=\"hint\">A block is about this name only. Hearth never links one person's names in different "
      "groups, so a block can't either.</p>");
}

Response confirm(PageContext& context) {
  auto group = group_from_path(context);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found_page(context);
  const Group& g = group->group;
  const auto persona = parse_id(context.request.param("persona_id").value_or(""));
  auto target = read_block_target(context.env, context.viewer->account.id, g.id, persona.value_or(0));
  if (!target && target.error().code == ErrorCode::conflict) {
    return message_page(context, 409, "That's you", target.error().message, group_url(g), "Back to the group");
  }
  if (!target) return group_not_found_page(context);
  const std::string member_page = group_url(g, "/p/" + std::to_string(target->persona_id));
  Html h;
  h.m("<section class=\"card narrow\"><p class=\"meta\">In <a href=\"").t(group_url(g)).m("\">").t(g.name)
      .m("</a></p><h1>Block ").t(target->persona_name).m("?</h1>");
  if (target->already_blocked) {
    h.m("<p>You've already blocked ").t(target->persona_name).m(".</p><p>");
    unblock_form(h, context, target->persona_id, target->persona_name, member_page);
    h.m(" · <a href=\"/settings/blocked\">People you've blocked</a></p></section>");
    return render_page(context, {.title = "Block " + target->persona_name}, h);
  }
  h.m("<p>If someone is making this group harder for you, blocking gives you some distance. What happens:</p>");
  what_blocking_does(h);
  h.m("<p>If they are breaking the group's rules, you can also <a href=\"").t(member_page + "/report")
      .m("\">report them to the moderators</a>.</p>");
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/members/" + std::to_string(target->persona_id) + "/block"))
      .m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">Block ").t(target->persona_name).m("</button> <a href=\"")
      .t(member_page).m("\">Cancel</a></form></section>");
  return render_page(context, {.title = "Block " + target->persona_name}, h);
}

Response block(PageContext& context) {
  auto group = group_from_path(context);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found_page(context);
  const Group& g = group->group;
  const auto persona = parse_id(context.request.param("persona_id").value_or(""));
  auto done = do_block_persona(context.env, context.viewer->account.id, g.id, persona.value_or(0));
  if (!done && done.error().code == ErrorCode::conflict) {
    return message_page(context, 409, "That's you", done.error().message, group_url(g), "Back to the group");
  }
  if (!done) return group_not_found_page(context);
  return redirect_see_other(group_url(g, "/p/" + std::to_string(*persona) + "?blocked=1"));
}

Response list(PageContext& context) {
  const auto blocks = read_blocks(context.env, context.viewer->account.id);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"/settings\">Settings</a></p><h1>People you've blocked</h1>"
      "<p>You don't see the posts of the people you've blocked, and they don't see the posts you write under your "
      "name in the group where you blocked them. Nobody else can see this list.</p>");
  if (context.request.query_value("done")) notice(h, "Unblocked. Their posts show for you again.");
  h.m("<section class=\"card\" aria-labelledby=\"list-h\"><h2 id=\"list-h\">Your list</h2>");
  if (blocks.empty()) {
    h.m("<p>You haven't blocked anyone.</p>");
  } else {
    h.m("<ul class=\"word-list\">");
    for (const auto& b : blocks) {
      h.m("<li><strong>").t(b.persona_name).m("</strong> <span class=\"meta\">");
      if (!b.group_name.empty()) h.m("in ").t(b.group_name).m(", ");
      h.m("blocked ");
      time.element(h, b.created_at, false);
      h.m("</span> ");
      unblock_form(h, context, b.persona_id, b.persona_name, "");
      h.m("</li>");
    }
    h.m("</ul>");
  }
  h.m("<p class=\"hint\">A block also stops private messages between you, both ways.</p></section>");
  return render_page(context, {.title = "People you've blocked"}, h);
}

Response unblock(PageContext& context) {
  const auto persona = parse_id(context.field("persona"));
  if (persona) (void)do_unblock_persona(context.env, context.viewer->account.id, *persona);
  const std::string back = context.field("back");
  if (!back.empty()) return redirect_see_other(safe_back(back));
  return redirect_see_other("/settings/blocked?done=1");
}

}  // namespace

void add_blocked_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/members/{persona_id}/block",
                    web_page(env, PageAccess::members_only, confirm), "web.persona.block"});
  routes.push_back({Method::post, "/g/{slug}/members/{persona_id}/block",
                    web_page(env, PageAccess::members_only, block), "web.persona.block.submit"});
  routes.push_back(
      {Method::get, "/settings/blocked", web_page(env, PageAccess::members_only, list), "web.settings.blocked"});
  routes.push_back({Method::post, "/settings/blocked/unblock", web_page(env, PageAccess::members_only, unblock),
                    "web.settings.blocked.unblock"});
}

}  // namespace hearth
