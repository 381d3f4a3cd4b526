#include "web/message_views.hpp"

#include "actions/messages.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/moderation_views.hpp"
#include "web/thread_views.hpp"

namespace hearth {

std::string conversation_url(const Group& group, messages::ConversationId id, std::string_view rest) {
  return group_url(group, "/messages/" + std::to_string(id)) + std::string(rest);
}

std::string message_moderation_url(const Group& group, messages::MessageId id) {
  return moderation_url(group, "/m/" + std::to_string(id));
}

std::string new_message_url(const Group& group, PersonaId persona) {
  return persona_url(group, persona) + "/message";
}

void message_link_html(Html& h, const PageContext& context, const Group& group, PersonaId persona) {
  if (!context.viewer) return;
  auto target = read_message_target(context.env, context.viewer->account.id, group.id, persona);
  if (!target) return;
  if (target->conversation) {
    h.m("<p><a href=\"").t(conversation_url(group, *target->conversation)).m("\">Your private conversation with ")
        .t(target->persona_name).m("</a></p>");
  } else if (!target->refusal) {
    h.m("<p><a class=\"button\" href=\"").t(new_message_url(group, persona)).m("\">Send a private message</a></p>");
  }
}

void message_setting_card(Html& h, const PageContext& context, PersonaId persona) {
  auto current = read_message_audience(context.env, context.viewer->account.id, persona);
  if (!current) return;
  h.m("<form method=\"post\" action=\"/me/personas/").num(persona).m("/messages\" class=\"card\" id=\"messages\">");
  csrf_input(h, context);
  if (context.request.query_value("messages")) notice(h, "Saved. It applies from now on.");
  h.m("<fieldset class=\"field\"><legend>Who can send me private messages here</legend>"
      "<p class=\"hint\">In each group where you use this name. The group's moderators can always write to you, "
      "and someone you've blocked never can. Nobody is told which you chose.</p>");
  for (const MessageAudience a : all_message_audiences) {
    const std::string_view name = message_audience_name(a);
    h.m("<div class=\"radio\"><input type=\"radio\" name=\"allow\" id=\"allow-").t(name).m("\" value=\"").t(name)
        .m("\"");
    if (a == *current) h.m(" checked");
    h.m("><label for=\"allow-").t(name).m("\">").t(message_audience_label(a)).m("</label></div>");
  }
  h.m("</fieldset><button type=\"submit\" class=\"button\">Save who can write to me</button></form>");
}

void message_html(Html& h, const messages::Message& m, bool mine, std::string_view other_name,
                  const TimeFormatter& time, const std::function<void(Html&)>& tools) {
  h.m("<li><article id=\"message-").num(m.id).m("\" class=\"card\" aria-label=\"")
      .t(mine ? "Your message" : "Message from " + std::string(other_name)).m("\"><p class=\"by\"><strong>")
      .t(mine ? std::string("You") : std::string(other_name)).m("</strong> ");
  time.element(h, m.created_at);
  h.m("</p>");
  if (m.deleted_at) {
    h.m("<p class=\"removed\">")
        .t(m.removed_by_moderator ? "This message was removed by a moderator." : "This message was removed by its author.")
        .m("</p>");
    if (mine && m.removed_by_moderator && !m.removal_explanation.empty()) {
      h.m("<p class=\"hint\">What the moderator told you: ").t(m.removal_explanation).m("</p>");
    }
  } else {
    if (m.held_at) {
      h.m("<p class=\"hint\"><span class=\"badge\">Waiting for a moderator</span> Only you can see this message until "
          "one of the group's moderators has looked at it.</p>");
    }
    h.m("<div class=\"prose\">").raw_unescaped(m.body_html).m("</div>");
  }
  if (tools) tools(h);
  h.m("</article></li>");
}

void message_form(Html& h, const PageContext& context, const MessageFormOptions& o) {
  h.m("<form method=\"post\" data-prompt action=\"").t(o.action).m("\">");
  csrf_input(h, context);
  if (o.error) error_summary(h, *o.error);
  if (o.blocked) blocked_preview(h, *o.blocked);
  h.m("<input type=\"hidden\" name=\"idempotency_key\" value=\"").t(o.idempotency_key).m("\">");
  textarea_field(h,
                 {.name = "body",
                  .label = o.label,
                  .hint = "Only the two of you can read it. Markdown works: *italic*, **bold**, lists and links.",
                  .value = o.body,
                  .error = error_for(o.error, "body"),
                  .max_length = static_cast<int>(max_body_length)},
                 5);
  h.m("<button type=\"submit\" class=\"button\">").t(o.button).m("</button></form>");
}

void request_answer_html(Html& h, const PageContext& context, const Group& group, const RequestAnswer& a) {
  const std::string base = conversation_url(group, a.conversation_id);
  h.m("<div class=\"actions\">");
  h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(base + "/accept").m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">Accept<span class=\"visually-hidden\"> ")
      .t(a.other_name)
      .m("'s request</span></button></form>");
  if (!a.declined) {
    h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(base + "/decline").m("\">");
    csrf_input(h, context);
    h.m("<button type=\"submit\" class=\"button button-quiet\">Decline<span class=\"visually-hidden\"> ")
        .t(a.other_name)
        .m("'s request</span></button></form>");
  }
  h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(base + "/decline").m("\">");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"block\" value=\"1\"><button type=\"submit\" class=\"button button-quiet\">")
      .t(a.declined ? "Block " : "Decline and block ")
      .t(a.other_name)
      .m("</button></form>");
  if (a.message_id) {
    h.m("<a href=\"")
        .t(base + "/m/" + std::to_string(*a.message_id) + "/report")
        .m("\">Report<span "
           "class=\"visually-hidden\"> ")
        .t(a.other_name)
        .m("'s message</span></a>");
  }
  h.m("</div>");
}

void after_send_notices(Html& h, const PageContext& context, std::string_view group_region) {
  if (context.request.query_value("crisis")) {
    crisis_lines_card(h, context, crisis_regions_for(context, group_region));
  }
  if (context.request.query_value("held")) {
    notice(h, "Your message is waiting for one of the group's moderators, because of some of the words in it. It "
              "reaches them once a moderator has looked at it.");
  } else if (context.request.query_value("request")) {
    notice(h,
           "Your message is sent. As you haven't talked before, it reaches them as a request: once they accept "
           "it, you can write to each other.");
  } else if (context.request.query_value("sent")) {
    notice(h, "Your message is sent.");
  }
}

std::string after_send_url(std::string url, const FilterOutcome& outcome, bool held, bool request) {
  url = with_query(std::move(url), held ? "held=1" : request ? "sent=1&request=1" : "sent=1");
  if (outcome.crisis) return with_query(std::move(url), "crisis=1") + "#support";
  return url + "#latest";
}

void message_queue_card_html(Html& h, const Group& group, const messages::QueueCard& card, const TimeFormatter& time) {
  const messages::Message& m = card.message;
  h.m("<div class=\"mod-post\"><p class=\"meta\"><strong>A private message</strong> from <strong>")
      .t(card.sender_persona_name).m("</strong> to <strong>").t(card.recipient_persona_name).m("</strong>, ");
  time.element(h, m.created_at);
  h.m("</p>");
  if (m.held_at) {
    h.m("<p><span class=\"badge\">Waiting for approval</span> ").t(hold_reason_label(m.held_reason)).m("</p>");
  }
  if (m.at_risk) h.m("<p><span class=\"badge badge-crisis\">Someone may be at risk</span></p>");
  if (!m.flag_words.empty()) h.m("<p class=\"meta\">The filters found: ").t(m.flag_words).m("</p>");
  h.m("<div class=\"prose\">").raw_unescaped(m.body_html).m("</div></div>");
  h.m("<p><a class=\"button\" href=\"").t(message_moderation_url(group, m.id)).m("\">Look at this message</a></p>");
}

}  // namespace hearth
