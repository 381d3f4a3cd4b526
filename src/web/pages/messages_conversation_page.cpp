// A private conversation, for its two participants only (docs/messages.md).
//   GET  /g/{slug}/messages/{id}                         the messages (newest last), the reply form
//   POST /g/{slug}/messages/{id}                         send (safety filters as for a reply)
//   GET  /g/{slug}/messages/{id}/m/{message_id}/delete   asks the sender "take it back?"
//   POST /g/{slug}/messages/{id}/m/{message_id}/delete   the sender takes a message back
//
// Anyone else — another member, a guest, the group's moderators — gets the page every
// missing address gets: nothing says whether the conversation exists.
#include "actions/messages.hpp"
#include "web/error_page.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

// The conversation, if the viewer is one of its two sides and it is in the group of the address.
std::optional<ConversationView> load(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  if (!id) return std::nullopt;
  const auto before = parse_id(context.request.query_value("before").value_or(""));
  auto view = read_conversation(context.env, context.viewer->account.id, *id, before);
  if (!view || view->group.group.slug != context.request.param("slug").value_or("")) return std::nullopt;
  return std::move(*view);
}

void message_tools(Html& h, const PageContext& context, const ConversationView& v, const messages::Message& m) {
  if (m.deleted_at || m.held_at) return;
  const Group& g = v.group.group;
  const std::string base = conversation_url(g, v.id, "/m/" + std::to_string(m.id));
  h.m("<div class=\"tools\">");
  if (m.sender_account_id == context.viewer->account.id) {
    // A page that asks first: a slip of the finger must not take a message back.
    h.m("<a href=\"").t(base + "/delete").m("\">Remove<span class=\"visually-hidden\"> your message</span></a>");
  } else {
    h.m("<a href=\"").t(base + "/report").m("\">Report<span class=\"visually-hidden\"> this message</span></a>");
  }
  h.m("</div>");
}

// The viewer received this conversation as a request and hasn't accepted it (or declined it).
bool answering(const ConversationView& v) {
  return v.request == messages::RequestState::received || v.request == messages::RequestState::declined;
}

// A request the viewer received: what it is and how to answer (docs/messages.md).
void request_panel(Html& h, const PageContext& context, const ConversationView& v) {
  if (!answering(v)) return;
  const bool declined = v.request == messages::RequestState::declined;
  h.m("<section class=\"card\" aria-labelledby=\"request-h\"><h2 id=\"request-h\">")
      .t(declined ? "You declined this request" : "A message request")
      .m("</h2><p>");
  if (declined) {
    h.t(v.other_persona_name)
        .m(" wasn't told, and can't write to you here. If you've changed your mind, accept it and "
           "you can write to each other.");
  } else {
    h.t(v.other_persona_name)
        .m(" would like to write to you. Until you accept, they can't send anything more. If you "
           "decline, it leaves your messages and they aren't told.");
  }
  h.m("</p>");
  std::optional<messages::MessageId> reportable;
  for (const auto& m : v.messages) {
    if (m.sender_account_id != context.viewer->account.id && !m.deleted_at) reportable = m.id;
  }
  request_answer_html(h, context, v.group.group, {v.id, v.other_persona_name, reportable, declined});
  h.m("</section>");
}

struct FormState {
  std::string body;
  std::string key;
  std::optional<Error> error;
  std::optional<FilterPrompt> blocked;
};

Response render(PageContext& context, const ConversationView& v, const FormState& form, int status = 200) {
  const Group& g = v.group.group;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"/messages\">Private messages</a> · in <a href=\"")
      .t(group_url(g))
      .m("\">")
      .t(g.name)
      .m("</a></p><h1>")
      .t(v.other_persona_name)
      .m("</h1>");
  h.m("<p class=\"hint\">Only you and ")
      .t(v.other_persona_name)
      .m(" can read this conversation. Here you are ")
      .t(v.my_persona_name)
      .m(", your name in this group. The group's moderators see a message only if one of you reports it, or if "
         "Hearth's safety filters hold it or flag it.</p>");
  after_send_notices(h, context, g.region);
  if (context.request.query_value("accepted")) notice(h, "You accepted. You can write to each other now.");
  request_panel(h, context, v);
  if (v.earlier) {
    h.m("<p><a href=\"")
        .t(conversation_url(g, v.id, "?before=" + std::to_string(*v.earlier)))
        .m("\">Earlier messages</a></p>");
  }
  if (v.messages.empty()) h.m("<p>No messages here yet.</p>");
  // #message-list and #message-status: hearth.js shows a new message there without a reload.
  h.m("<div id=\"message-status\" class=\"visually-hidden\" role=\"status\"></div>"
      "<ol class=\"results\" id=\"message-list\" aria-label=\"Messages\">");
  for (const auto& m : v.messages) {
    const bool mine = m.sender_account_id == context.viewer->account.id;
    message_html(h, m, mine, v.other_persona_name, time, [&](Html& out) { message_tools(out, context, v, m); });
  }
  h.m("</ol><section id=\"latest\" class=\"card\" aria-labelledby=\"write-h\"><h2 id=\"write-h\">Write to ")
      .t(v.other_persona_name)
      .m("</h2>");
  if (answering(v)) {
    h.m("<p>Accept their request to write back.</p>");
  } else if (v.refusal && !form.error) {
    h.m("<p>").t(v.refusal->message).m("</p>");
  } else {
    message_form(h, context,
                 {.action = conversation_url(g, v.id),
                  .body = form.body,
                  .idempotency_key = form.key,
                  .error = form.error,
                  .blocked = form.blocked});
  }
  h.m("</section>");
  Response response = render_page(context, {.title = v.other_persona_name + " · Private messages"}, h, status);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response show(PageContext& context) {
  if (!context.viewer) return render_not_found(context);  // a guest learns nothing either (not even "log in")
  auto view = load(context);
  if (!view) return render_not_found(context);
  return render(context, *view, {"", new_idempotency_key(), std::nullopt, std::nullopt});
}

Response send(PageContext& context) {
  auto view = load(context);
  if (!view) return render_not_found(context);
  const Group& g = view->group.group;
  FormState form{context.field("body"), form_idempotency_key(context), std::nullopt, std::nullopt};
  if (prompt_cancelled(context)) {
    if (prompt_nudged(context)) count_nudge_cancelled(context.env, context.viewer->account.id, g.id);
    return redirect_see_other(conversation_url(g, view->id));
  }
  if (prompt_edit(context)) return render(context, *view, form);
  FilterOutcome outcome;
  auto sent = do_send_message(context.env, context.viewer->account.id, view->id, form.body, form.key,
                              filter_choice(context), &outcome);
  if (sent) {
    const std::string url = after_send_url(conversation_url(g, view->id), outcome, sent->held, sent->request);
    return wants_json(context) ? posted_json(url) : redirect_see_other(url);
  }
  const Error& error = sent.error();
  if (needs_confirmation(error) && outcome.prompt) {
    if (wants_json(context)) return prompt_json(*outcome.prompt);
    return prompt_page(context,
                       {.heading = "Before you send your message",
                        .action = conversation_url(g, view->id),
                        .back = conversation_url(g, view->id),
                        .idempotency_key = form.key},
                       *outcome.prompt);
  }
  if (error.code == ErrorCode::not_found && error.field.empty()) return render_not_found(context);
  if (error.field == "idempotency_key") form.key = new_idempotency_key();
  form.error = error;
  form.blocked = outcome.prompt;
  return render(context, *view, form, status_for(error));
}

Response confirm_remove(PageContext& context) {
  if (!context.viewer) return render_not_found(context);
  auto view = load(context);
  if (!view) return render_not_found(context);
  const Group& g = view->group.group;
  const auto message_id = parse_id(context.request.param("message_id").value_or(""));
  auto message = read_own_message(context.env, context.viewer->account.id, view->id, message_id.value_or(0));
  if (!message) return render_not_found(context);
  const std::string back = conversation_url(g, view->id) + "#message-" + std::to_string(message->id);
  Html h;
  h.m("<h1>Take this message back?</h1><p>")
      .t(view->other_persona_name)
      .m(" will see \"This message was removed by its author\" in its place. This can't be undone.</p><ol "
         "class=\"results\">");
  message_html(h, *message, true, view->other_persona_name, time_formatter(context));
  h.m("</ol><form method=\"post\" action=\"")
      .t(conversation_url(g, view->id, "/m/" + std::to_string(message->id)))
      .m("/delete\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">Take it back</button><a href=\"").t(back).m("\">Keep it</a></form>");
  Response response = render_page(context, {.title = "Take this message back? · Private messages"}, h);
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response remove(PageContext& context) {
  auto view = load(context);
  if (!view) return render_not_found(context);
  const auto message = parse_id(context.request.param("message_id").value_or(""));
  auto done = do_delete_message(context.env, context.viewer->account.id, message.value_or(0));
  if (!done) return render_not_found(context);
  return redirect_see_other(conversation_url(view->group.group, view->id) + "#message-" + std::to_string(*message));
}

}  // namespace

void add_messages_conversation_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back(
      {Method::get, "/g/{slug}/messages/{id}", web_page(env, PageAccess::anyone, show), "web.messages.conversation"});
  routes.push_back({Method::post, "/g/{slug}/messages/{id}", web_page(env, PageAccess::members_only, send),
                    "web.messages.conversation.send"});
  routes.push_back({Method::get, "/g/{slug}/messages/{id}/m/{message_id}/delete",
                    web_page(env, PageAccess::anyone, confirm_remove), "web.messages.message.delete.confirm"});
  routes.push_back({Method::post, "/g/{slug}/messages/{id}/m/{message_id}/delete",
                    web_page(env, PageAccess::members_only, remove), "web.messages.message.delete"});
}

}  // namespace hearth
