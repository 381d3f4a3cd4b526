// GET /messages: the viewer's private conversations across their groups, newest first, each
// with the group it belongs to, the other member's name there, the viewer's own name there,
// and how many messages are new. Keyset pages (?after=<last_message_at>.<id>).
#include "actions/messages.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

void entry_html(Html& h, const messages::ListEntry& e, const TimeFormatter& time) {
  h.m("<li><h3><a href=\"/g/").t(e.group_slug).m("/messages/").num(e.conversation_id).m("\">")
      .t(e.other_persona_name).m("</a>");
  if (e.unread_count > 0) h.m(" <span class=\"badge badge-new\">").num(e.unread_count).m(" new</span>");
  // Also after a decline: the sender can't tell the two apart (docs/messages.md).
  if (e.request == messages::RequestState::sent) h.m(" <span class=\"badge\">Waiting for them to accept</span>");
  h.m("</h3><p class=\"meta\">In ").t(e.group_name).m(", where you are ").t(e.my_persona_name).m(" · ");
  time.element(h, e.last_message_at);
  h.m("</p></li>");
}

// A request: who, where, and their message folded away. The recipient opens it when they
// choose to: a stranger's first words may be unwelcome, and declining or blocking shouldn't
// require reading them (docs/messages.md).
void request_html(Html& h, const PageContext& context, const messages::RequestEntry& r, const TimeFormatter& time) {
  const messages::ListEntry& e = r.entry;
  h.m("<li><h3><a href=\"/g/")
      .t(e.group_slug)
      .m("/messages/")
      .num(e.conversation_id)
      .m("\">")
      .t(e.other_persona_name)
      .m("</a></h3><p class=\"meta\">In ")
      .t(e.group_name)
      .m(", where you are ")
      .t(e.my_persona_name)
      .m(" · ");
  time.element(h, e.last_message_at);
  h.m("</p>");
  std::optional<messages::MessageId> reportable;
  if (r.message) {
    h.m("<details><summary>Read their message</summary>");
    if (r.message->deleted_at) {
      h.m("<p class=\"removed\">This message was removed.</p>");
    } else {
      h.m("<div class=\"prose\">").raw_unescaped(r.message->body_html).m("</div>");
      reportable = r.message->id;
    }
    h.m("</details>");
  }
  const Group group{.id = e.group_id, .slug = e.group_slug, .name = e.group_name};
  request_answer_html(h, context, group, {e.conversation_id, e.other_persona_name, reportable, false});
  h.m("</li>");
}

void requests_html(Html& h, const PageContext& context, const Inbox& inbox, const TimeFormatter& time) {
  const auto declined = context.request.query_value("declined");
  if (inbox.requests.empty() && !declined) return;
  h.m("<section class=\"card\" id=\"requests\" aria-labelledby=\"requests-h\"><h2 id=\"requests-h\">Message "
      "requests");
  if (inbox.requests_total > 0) h.m(" <span class=\"badge\">").num(inbox.requests_total).m("</span>");
  h.m("</h2>");
  if (declined) {
    notice(h, *declined == "blocked"
                  ? "Declined, and you've blocked them. They aren't told. You can unblock them from “People you've "
                    "blocked” in Settings."
                  : "Declined. They aren't told, and they can't write to you again there.");
  }
  if (inbox.requests.empty()) {
    h.m("<p>No other requests.</p></section>");
    return;
  }
  h.m("<p class=\"hint\">Members you haven't talked with yet who'd like to write to you. Nothing more comes from "
      "them until you accept. If you decline, the request leaves this page and they aren't told.</p>"
      "<ul class=\"thread-list\">");
  for (const auto& r : inbox.requests) request_html(h, context, r, time);
  h.m("</ul></section>");
}

Response inbox_page(PageContext& context) {
  const auto after = messages::parse_list_cursor(context.request.query_value("after").value_or(""));
  const Inbox inbox = read_inbox(context.env, context.viewer->account.id, after);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<h1>Private messages</h1><p>Your conversations with members of your groups. Each one belongs to a group, "
      "and there you and the other member see each other only by the names you use in that group.</p>");
  requests_html(h, context, inbox, time);
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
