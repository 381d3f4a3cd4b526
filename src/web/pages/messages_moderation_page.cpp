// GET/POST /g/{slug}/moderation/m/{message_id}: a private message as the group's moderators
// may see it — only while one of its two participants has reported it, or a safety filter
// held or flagged it (docs/messages.md). Approve, dismiss or remove it; warning, muting or
// banning the sender is on their page in the moderation tools.
#include "actions/moderation_messages.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

std::vector<ModerationAction> actions_for(const MessageModerationView& v) {
  if (v.card.message.held_at) return {ModerationAction::approve, ModerationAction::remove};
  return {ModerationAction::dismiss, ModerationAction::remove};
}

Response render(PageContext& context, const MessageModerationView& v, const std::optional<Error>& error) {
  const Group& g = v.group.group;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"").t(moderation_url(g)).m("\">Moderation of ").t(g.name)
      .m("</a></p><h1>A private message</h1><p class=\"hint\">You can read this message because one of the two "
         "people in the conversation reported it, or Hearth's safety filters held it or flagged it. The rest of "
         "their conversation stays private.</p>");
  h.m("<section class=\"card\" aria-labelledby=\"msg-h\"><h2 id=\"msg-h\">The message</h2>");
  open_reports_html(h, v.reports, v.rules, time);
  message_queue_card_html(h, g, v.card, time);
  h.m("<p><a href=\"").t(member_moderation_url(g, v.card.message.sender_persona_id)).m("\">")
      .t(v.card.sender_persona_name).m(" in the moderation tools</a>: their record, and warn, mute or ban.</p>");
  h.m("</section><section class=\"card\" aria-labelledby=\"act\"><h2 id=\"act\">Act</h2>");
  moderation_action_form(h, context,
                         {message_moderation_url(g, v.card.message.id), actions_for(v), v.rules, error});
  h.m("</section>");
  return render_page(context, {.title = "A private message · Moderation"}, h, error ? status_for(*error) : 200);
}

Result<MessageModerationView> load(PageContext& context, std::optional<Response>& refusal) {
  auto group = group_from_path(context);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) {
    refusal = render_not_found(context);
    return group_not_found();
  }
  const auto id = parse_id(context.request.param("message_id").value_or(""));
  auto view = read_message_moderation(context.env, context.viewer->account.id, group->group.id, id.value_or(0));
  if (view) return view;
  if (view.error().code == ErrorCode::not_found) refusal = render_not_found(context);
  else refusal = refusal_page(context, view.error(), group_url(group->group), "Back to the group");
  return view;
}

Response show(PageContext& context) {
  std::optional<Response> refusal;
  auto view = load(context, refusal);
  if (!view) return std::move(*refusal);
  return render(context, *view, std::nullopt);
}

Response submit(PageContext& context) {
  std::optional<Response> refusal;
  auto view = load(context, refusal);
  if (!view) return std::move(*refusal);
  const auto request = moderation_request_from_form(context);
  const Status done = request ? do_moderate_message(context.env, context.viewer->account.id, view->group.group.id,
                                                    view->card.message.id, *request)
                              : Status(make_error(ErrorCode::invalid_input, "Please choose what to do.", "action"));
  if (!done) return render(context, *view, done.error());
  // The message may have left the moderator's sight (reports closed, delivered, removed).
  return redirect_see_other(moderation_url(view->group.group) + "?done=message-" + context.field("action"));
}

}  // namespace

void add_messages_moderation_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/moderation/m/{message_id}", web_page(env, PageAccess::members_only, show),
                    "web.moderation.message"});
  routes.push_back({Method::post, "/g/{slug}/moderation/m/{message_id}",
                    web_page(env, PageAccess::members_only, submit), "web.moderation.message.act"});
}

}  // namespace hearth
