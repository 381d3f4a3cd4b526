// GET /messages: the viewer's private conversations across their groups, newest first, each
// with the group it belongs to, the other member's name there, the viewer's own name there,
// and how many messages are new. Keyset pages (?after=<last_message_at>.<id>).
#include "actions/messages.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

void entry_html(Html& h, const messages::ListEntry& e, const TimeFormatter& time) {
  h.m("<li><h3><a href=\"/g/").t(e.group_slug).m("/messages/").num(e.conversation_id).m("\">")
      .t(e.other_persona_name).m("</a>");
  if (e.unread_count > 0) h.m(" <span class=\"badge badge-new\">").num(e.unread_count).m(" new</span>");
  h.m("</h3><p class=\"meta\">In ").t(e.group_name).m(", where you are ").t(e.my_persona_name).m(" · ");
  time.element(h, e.last_message_at);
  h.m("</p></li>");
}

Response inbox_page(PageContext& context) {
  const auto after = messages::parse_list_cursor(context.request.query_value("after").value_or(""));
  const Inbox inbox = read_inbox(context.env, context.viewer->account.id, after);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<h1>Private messages</h1><p>Your conversations with members of your groups. Each one belongs to a group, "
      "and there you and the other member see each other only by the names you use in that group.</p>");
  h.m("<section class=\"card\" aria-labelledby=\"conversations-h\"><h2 id=\"conversations-h\">Conversations");
  if (inbox.unread_total > 0) h.m(" <span class=\"badge badge-new\">").num(inbox.unread_total).m(" new</span>");
  h.m("</h2>");
  if (inbox.conversations.empty()) {
    if (after) {
      h.m("<p>No older conversations.</p>");
    } else {
      h.m("<p>No private messages yet. To write to someone, open their name in a group and choose “Send a private "
          "message”.</p>");
    }
  } else {
    h.m("<ul class=\"thread-list\">");
    for (const auto& e : inbox.conversations) entry_html(h, e, time);
    h.m("</ul>");
  }
  if (inbox.next) {
    h.m("<p><a href=\"/messages?after=").t(messages::format_list_cursor(*inbox.next))
        .m("\">Older conversations</a></p>");
  }
  h.m("</section><p class=\"hint\">You choose who can write to you in each group on your profile there (“Who can "
      "send me private messages here”). Blocking someone also stops messages between you.</p>");
  Response response = render_page(context, {.title = "Private messages"}, h);
  response.set_header("Cache-Control", "no-store");
  return response;
}

// POST /me/personas/{id}/messages: "Who can send me private messages here" for one's own persona.
Response save_setting(PageContext& context) {
  const auto persona = parse_id(context.request.param("id").value_or(""));
  const auto audience = parse_message_audience(context.field("allow"));
  if (!persona) return render_not_found(context);
  if (!audience) return redirect_see_other("/me/personas/" + std::to_string(*persona) + "#messages");
  if (!do_set_message_audience(context.env, context.viewer->account.id, *persona, *audience)) {
    return render_not_found(context);
  }
  return redirect_see_other("/me/personas/" + std::to_string(*persona) + "?messages=saved#messages");
}

}  // namespace

void add_messages_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/messages", web_page(env, PageAccess::members_only, inbox_page), "web.messages"});
  routes.push_back({Method::post, "/me/personas/{id}/messages", web_page(env, PageAccess::members_only, save_setting),
                    "web.me.persona.messages"});
}

}  // namespace hearth
