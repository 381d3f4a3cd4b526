// GET/POST /g/{slug}/moderation/posts/{id}: one post for the group's moderators — its text,
// reports, and its author's strike history and private notes — with every action on it and
// on its author. For an anonymous post the author is its handle: this page never learns who
// it is, so it can't show it.
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

// The refusals shared by GET and POST, in an order that tells nobody whether a post exists:
// the group, whether the viewer may read it, whether they moderate it; only then the post.
struct Found {
  std::optional<GroupInView> group;
  std::optional<Response> refusal;
};

Found find(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, render_not_found(context)};
  if (!can_read_content(group->group.privacy, group->viewer)) return {std::nullopt, members_only_page(context, *group)};
  if (!can_moderate(group->viewer)) {
    return {std::nullopt, message_page(context, 403, "Only the group's moderators can see this",
                                       "If something here worries you, please report it: the moderators will look.",
                                       group_url(group->group), "Back to the group")};
  }
  return {std::move(group), std::nullopt};
}

std::vector<ModerationAction> actions_for(const PostModerationView& v) {
  std::vector<ModerationAction> actions;
  const bool open = v.reports.count > 0 || !v.flags.empty();  // reports, or the filters' flags
  if (v.post.held || open) actions.push_back(ModerationAction::approve);
  if (open) actions.push_back(ModerationAction::dismiss);
  if (!v.post.removed_by_moderator) actions.push_back(ModerationAction::remove);
  actions.push_back(ModerationAction::warn);
  actions.push_back(v.standing.muted_until ? ModerationAction::unmute : ModerationAction::mute);
  actions.push_back(v.standing.banned ? ModerationAction::unban : ModerationAction::ban);
  actions.push_back(v.post.thread_locked ? ModerationAction::unlock : ModerationAction::lock);
  actions.push_back(ModerationAction::escalate);
  actions.push_back(ModerationAction::note);
  return actions;
}

Response render(PageContext& context, const PostModerationView& v, const std::optional<Error>& error) {
  const Group& g = v.group.group;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"")
      .t(moderation_url(g))
      .m("\">Moderation of ")
      .t(g.name)
      .m("</a></p>"
         "<h1>A post to look at</h1>");
  if (const auto done = context.request.query_value("done"); done && !error) {
    if (const auto message = moderation_done_message(*done); !message.empty()) notice(h, message);
  }
  h.m("<section class=\"card\">");
  post_card_html(h, g, v.post, v.handle, time);
  open_reports_html(h, v.reports, v.rules, time);
  filter_flags_html(h, v.flags);
  h.m("</section><section class=\"card\" aria-labelledby=\"author\"><h2 id=\"author\">");
  if (v.author) {
    h.m("The author: <a href=\"").t(member_moderation_url(g, v.author->id)).m("\">").t(v.author->name).m("</a>");
  } else if (!v.handle.empty()) {
    h.m("The anonymous author");
  } else {
    h.m("The author");
  }
  h.m("</h2>");
  if (!v.handle.empty()) {
    h.m("<p class=\"hint\">You act on them through this post's handle, <code>")
        .t(v.handle)
        .m("</code>. Warnings, mutes and bans reach the real person; neither you nor anyone in the group learns "
           "who they are.</p>");
  }
  standing_html(h, v.standing, time);
  h.m("<h3>Strike history</h3>");
  history_html(h, v.history, v.rules, time);
  h.m("<h3>Private notes</h3>");
  notes_html(h, v.notes, time);
  h.m("</section><section class=\"card\" aria-labelledby=\"act\"><h2 id=\"act\">Act</h2>");
  moderation_action_form(h, context, {post_moderation_url(g, v.post.id), actions_for(v), v.rules, error});
  h.m("</section>");
  return render_page(context, {.title = "A post to look at · " + g.name}, h, error ? status_for(*error) : 200);
}

std::optional<PostId> post_id(const PageContext& context) {
  return parse_id(context.request.param("id").value_or(""));
}

Response show(PageContext& context) {
  auto found = find(context);
  if (!found.group) return std::move(*found.refusal);
  const auto id = post_id(context);
  if (!id) return render_not_found(context);
  auto view = read_post_moderation(context.env, context.viewer->account.id, *id);
  if (!view || view->group.group.id != found.group->group.id) return render_not_found(context);
  return render(context, *view, std::nullopt);
}

Response submit(PageContext& context) {
  auto found = find(context);
  if (!found.group) return std::move(*found.refusal);
  const auto id = post_id(context);
  if (!id) return render_not_found(context);
  auto view = read_post_moderation(context.env, context.viewer->account.id, *id);
  if (!view || view->group.group.id != found.group->group.id) return render_not_found(context);
  const auto request = moderation_request_from_form(context);
  const Status done = request ? do_moderate_post(context.env, context.viewer->account.id, *id, *request)
                              : Status(make_error(ErrorCode::invalid_input, "Please choose what to do.", "action"));
  if (!done) {
    if (done.error().code == ErrorCode::not_found) return render_not_found(context);
    return render(context, *view, done.error());
  }
  return redirect_see_other(post_moderation_url(view->group.group, *id) + "?done=" + context.field("action"));
}

}  // namespace

void add_moderation_post_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/moderation/posts/{id}", web_page(env, PageAccess::members_only, show),
                    "web.moderation.post"});
  routes.push_back({Method::post, "/g/{slug}/moderation/posts/{id}", web_page(env, PageAccess::members_only, submit),
                    "web.moderation.post.act"});
}

}  // namespace hearth
