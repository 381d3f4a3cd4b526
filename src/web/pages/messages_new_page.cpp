// Writing to a member from their page in a group (docs/messages.md).
//   GET  /g/{slug}/p/{persona_id}/message   the form, or why it can't be sent (never the reason)
//   POST /g/{slug}/p/{persona_id}/message   send: starts the conversation, or continues the one
//                                           the two already have, and goes there
// A group the viewer can't read, or a persona that isn't a member of it, is "not found".
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

std::optional<MessageTarget> load(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return std::nullopt;
  const auto persona = parse_id(context.request.param("persona_id").value_or(""));
  if (!persona) return std::nullopt;
  auto target = read_message_target(context.env, context.viewer->account.id, group->group.id, *persona);
  if (!target) return std::nullopt;
  return std::move(*target);
}

Response render(PageContext& context, const MessageTarget& t, const MessageFormOptions& form, int status = 200) {
  const Group& g = t.group.group;
  Html h;
  h.m("<section class=\"card narrow-wide\"><p class=\"meta\">In <a href=\"").t(group_url(g)).m("\">").t(g.name)
      .m("</a></p><h1>Write to ").t(t.persona_name).m("</h1>");
  if (t.refusal && !form.error) {
    h.m("<p>").t(t.refusal->message).m("</p><p><a href=\"").t(persona_url(g, t.persona_id)).m("\">Back to ")
        .t(t.persona_name).m("</a></p></section>");
    return render_page(context, {.title = "Write to " + t.persona_name}, h, status_for(*t.refusal));
  }
  h.m("<p>Only the two of you will read this. They'll see you as the name you use in ").t(g.name)
      .m(", nothing else about you. The group's moderators see a message only if one of you reports it, or if "
         "Hearth's safety filters hold it or flag it.</p>");
  if (t.conversation) {
    h.m("<p class=\"hint\">You've written to each other before: <a href=\"").t(conversation_url(g, *t.conversation))
        .m("\">read your conversation</a>.</p>");
  }
  message_form(h, context, form);
  h.m("<p><a href=\"").t(persona_url(g, t.persona_id)).m("\">Cancel</a></p></section>");
  return render_page(context, {.title = "Write to " + t.persona_name}, h, status);
}

std::string action_of(const MessageTarget& t) {
  return new_message_url(t.group.group, t.persona_id);
}

Response show(PageContext& context) {
  auto target = load(context);
  if (!target) return render_not_found(context);
  return render(context, *target, {.action = action_of(*target), .idempotency_key = new_idempotency_key()});
}

Response send(PageContext& context) {
  auto target = load(context);
  if (!target) return render_not_found(context);
  const Group& g = target->group.group;
  MessageFormOptions form{.action = action_of(*target), .body = context.field("body"),
                          .idempotency_key = form_idempotency_key(context)};
  if (prompt_cancelled(context)) {
    if (prompt_nudged(context)) count_nudge_cancelled(context.env, context.viewer->account.id, g.id);
    return redirect_see_other(persona_url(g, target->persona_id));
  }
  if (prompt_edit(context)) return render(context, *target, form);
  FilterOutcome outcome;
  auto sent = do_message_persona(context.env, context.viewer->account.id, g.id, target->persona_id, form.body,
                                 form.idempotency_key, filter_choice(context), &outcome);
  if (sent) {
    const std::string url =
        after_send_url(conversation_url(g, sent->conversation_id), outcome, sent->held, sent->request);
    return wants_json(context) ? posted_json(url) : redirect_see_other(url);
  }
  const Error& error = sent.error();
  if (needs_confirmation(error) && outcome.prompt) {
    if (wants_json(context)) return prompt_json(*outcome.prompt);
    return prompt_page(context,
                       {.heading = "Before you send your message",
                        .action = action_of(*target),
                        .back = persona_url(g, target->persona_id),
                        .idempotency_key = form.idempotency_key},
                       *outcome.prompt);
  }
  if (error.code == ErrorCode::not_found && error.field.empty()) return render_not_found(context);
  if (error.field == "idempotency_key") form.idempotency_key = new_idempotency_key();
  form.error = error;
  form.blocked = outcome.prompt;
  return render(context, *target, form, status_for(error));
}

}  // namespace

void add_messages_new_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/p/{persona_id}/message", web_page(env, PageAccess::members_only, show),
                    "web.persona.message"});
  routes.push_back({Method::post, "/g/{slug}/p/{persona_id}/message", web_page(env, PageAccess::members_only, send),
                    "web.persona.message.send"});
}

}  // namespace hearth
