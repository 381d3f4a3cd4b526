// GET/POST /g/{slug}/moderation/p/{persona_id}: a member as the group's moderators see them —
// reports about them, their strike history as this persona, private notes — and the actions
// on them. What was done through an anonymous post's handle is not here: nothing joins the
// two.
#include "actions/moderation.hpp"
#include "actions/moderation_reads.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

std::vector<ModerationAction> actions_for(const MemberModerationView& v) {
  std::vector<ModerationAction> actions;
  if (v.reports.count > 0) actions.push_back(ModerationAction::dismiss);
  actions.push_back(ModerationAction::warn);
  actions.push_back(v.standing.muted_until ? ModerationAction::unmute : ModerationAction::mute);
  actions.push_back(v.standing.banned ? ModerationAction::unban : ModerationAction::ban);
  actions.push_back(ModerationAction::escalate);
  actions.push_back(ModerationAction::note);
  return actions;
}

Response render(PageContext& context, const MemberModerationView& v, const std::optional<Error>& error) {
  const Group& g = v.group.group;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"")
      .t(moderation_url(g))
      .m("\">Moderation of ")
      .t(g.name)
      .m("</a></p><h1>")
      .t(v.persona.name)
      .m("</h1><p class=\"meta\">")
      .t(role_label(v.persona.role))
      .m(" · <a href=\"")
      .t(persona_url(g, v.persona.id))
      .m("\">Profile in the group</a></p>");
  if (const auto done = context.request.query_value("done"); done && !error) {
    if (const auto message = moderation_done_message(*done); !message.empty()) notice(h, message);
  }
  h.m("<section class=\"card\" aria-labelledby=\"record\"><h2 id=\"record\">Their record here</h2>");
  open_reports_html(h, v.reports, v.rules, time);
  standing_html(h, v.standing, time);
  h.m("<h3>Strike history</h3>");
  history_html(h, v.history, v.rules, time);
  h.m("<h3>Private notes</h3>");
  notes_html(h, v.notes, time);
  h.m("</section><section class=\"card\" aria-labelledby=\"act\"><h2 id=\"act\">Act</h2>");
  moderation_action_form(h, context, {member_moderation_url(g, v.persona.id), actions_for(v), v.rules, error});
  h.m("</section>");
  return render_page(context, {.title = v.persona.name + " · Moderation"}, h, error ? status_for(*error) : 200);
}

// Group, readable, moderated, then the persona: nobody learns whether a persona id is real
// before being allowed to.
Result<MemberModerationView> load(PageContext& context, std::optional<Response>& refusal) {
  auto group = group_from_path(context);
  if (!group) {
    refusal = render_not_found(context);
    return group_not_found();
  }
  if (!can_read_content(group->group.privacy, group->viewer)) {
    refusal = members_only_page(context, *group);
    return group_not_found();
  }
  const auto persona = parse_id(context.request.param("persona_id").value_or(""));
  auto view = read_member_moderation(context.env, context.viewer->account.id, group->group.id, persona.value_or(0));
  if (!view) refusal = refusal_page(context, view.error(), group_url(group->group), "Back to the group");
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
  const Status done = request ? do_moderate_member(context.env, context.viewer->account.id, view->group.group.id,
                                                   view->persona.id, *request)
                              : Status(make_error(ErrorCode::invalid_input, "Please choose what to do.", "action"));
  if (!done) return render(context, *view, done.error());
  return redirect_see_other(member_moderation_url(view->group.group, view->persona.id) +
                            "?done=" + context.field("action"));
}

}  // namespace

void add_moderation_member_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/moderation/p/{persona_id}", web_page(env, PageAccess::members_only, show),
                    "web.moderation.member"});
  routes.push_back({Method::post, "/g/{slug}/moderation/p/{persona_id}",
                    web_page(env, PageAccess::members_only, submit), "web.moderation.member.act"});
}

}  // namespace hearth
