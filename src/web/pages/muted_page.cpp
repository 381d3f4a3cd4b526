// Muting (docs/blocking.md): private to the member.
//   POST /g/{slug}/mute          mute=1|0: the whole group leaves the home feed and unread counts
//   GET  /settings/muted         the member's muted conversations and groups, each with Unmute
//   POST /settings/muted/unmute  thread=<id> or group=<id> (one's own list: no access needed)
// A conversation is muted from its page (POST /g/{slug}/t/{id}/mute, thread_actions_page).
#include "actions/muting.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

Response switch_group(PageContext& context) {
  auto group = group_from_path(context);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found_page(context);
  const std::string value = context.field("mute");
  const bool mute = value != "0";  // a form without the field mutes
  if (auto done = do_mute_group(context.env, context.viewer->account.id, group->group.id, mute); !done) {
    return group_not_found_page(context);
  }
  return redirect_see_other(group_url(group->group, mute ? "?muted=1" : ""));
}

void unmute_button(Html& h, const PageContext& context, std::string_view field, int64_t id, std::string_view name) {
  h.m("<form method=\"post\" class=\"inline-form\" action=\"/settings/muted/unmute\">");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"").t(field).m("\" value=\"").num(id).m("\">");
  h.m(" <button type=\"submit\" class=\"link-button\">Unmute<span class=\"visually-hidden\"> ").t(name)
      .m("</span></button></form>");
}

void muted_list(Html& h, const PageContext& context, const std::vector<MutedItem>& items, bool threads) {
  const char* field = threads ? "thread" : "group";
  h.m("<ul class=\"word-list\">");
  for (const auto& item : items) {
    h.m("<li>");
    const std::string name = item.title.empty()
                                 ? std::string(threads ? "A conversation you can no longer read"
                                                       : "A group you can no longer see")
                                 : item.title;
    if (item.group_slug.empty()) {
      h.t(name);
    } else {
      const std::string href =
          "/g/" + item.group_slug + (threads ? "/t/" + std::to_string(item.id) : std::string());
      h.m("<a href=\"").t(href).m("\">").t(name).m("</a>");
      if (threads) h.m(" <span class=\"meta\">in ").t(item.group_name).m("</span>");
    }
    unmute_button(h, context, field, item.id, name);
    h.m("</li>");
  }
  h.m("</ul>");
}

Response show(PageContext& context) {
  const MutedLists lists = read_mutes(context.env, context.viewer->account.id);
  Html h;
  h.m("<p class=\"meta\"><a href=\"/settings\">Settings</a></p><h1>Muted conversations and groups</h1>"
      "<p>What you mute stays readable, but it no longer shows on your home page or counts as new. Nobody else can "
      "tell what you've muted.</p>");
  if (context.request.query_value("done")) notice(h, "Unmuted. It counts as new for you again.");
  h.m("<section class=\"card\" aria-labelledby=\"threads-h\"><h2 id=\"threads-h\">Conversations</h2>");
  if (lists.threads.empty()) h.m("<p>You haven't muted any conversations.</p>");
  else muted_list(h, context, lists.threads, true);
  h.m("</section><section class=\"card\" aria-labelledby=\"groups-h\"><h2 id=\"groups-h\">Groups</h2>");
  if (lists.groups.empty()) h.m("<p>You haven't muted any groups.</p>");
  else muted_list(h, context, lists.groups, false);
  h.m("</section>");
  return render_page(context, {.title = "Muted conversations and groups"}, h);
}

Response unmute(PageContext& context) {
  const AccountId account = context.viewer->account.id;
  if (const auto thread = parse_id(context.field("thread"))) (void)do_unmute_own_thread(context.env, account, *thread);
  if (const auto group = parse_id(context.field("group"))) (void)do_unmute_own_group(context.env, account, *group);
  return redirect_see_other("/settings/muted?done=1");
}

}  // namespace

void add_muted_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back(
      {Method::post, "/g/{slug}/mute", web_page(env, PageAccess::members_only, switch_group), "web.group.mute"});
  routes.push_back({Method::get, "/settings/muted", web_page(env, PageAccess::members_only, show), "web.settings.muted"});
  routes.push_back({Method::post, "/settings/muted/unmute", web_page(env, PageAccess::members_only, unmute),
                    "web.settings.muted.unmute"});
}

}  // namespace hearth
