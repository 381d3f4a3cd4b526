// GET /g/{slug}/moderation: the group's moderation queue, for its moderators. Reported posts
// and personas grouped by item, posts waiting for approval, "someone may be at risk" first
// and then the oldest; the mutes and bans in force; links to the log and the settings.
#include "actions/moderation_reads.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

void item_html(Html& h, const Group& g, const QueueView& view, const QueueEntry& entry, const TimeFormatter& time) {
  h.m("<li class=\"card mod-item");
  if (entry.at_risk()) h.m(" mod-at-risk");
  h.m("\">");
  open_reports_html(h, entry.reports, view.rules, time);
  filter_flags_html(h, entry.flags);
  if (entry.post) {
    post_card_html(h, g, *entry.post, entry.handle, time);
    h.m("<p><a class=\"button\" href=\"")
        .t(post_moderation_url(g, entry.post->id))
        .m("\">Look at this ")
        .t(entry.post->held ? "waiting post" : "report")
        .m("</a></p>");
  } else if (entry.message) {
    message_queue_card_html(h, g, *entry.message, time);
  } else if (entry.persona) {
    h.m("<p>A member: <strong>")
        .t(entry.persona->name)
        .m("</strong></p><p><a class=\"button\" href=\"")
        .t(member_moderation_url(g, entry.persona->id))
        .m("\">Look at this report</a></p>");
  }
  h.m("</li>");
}

void in_force_html(Html& h, const Group& g, const QueueView& view, const TimeFormatter& time) {
  h.m("<section class=\"card\" aria-labelledby=\"in-force\"><h2 id=\"in-force\">Mutes and bans in force</h2>");
  if (view.in_force.empty()) {
    h.m("<p>None.</p></section>");
    return;
  }
  h.m("<ul class=\"mod-history\">");
  for (const auto& f : view.in_force) {
    h.m("<li><strong>").t(sanction_label(f.kind)).m("</strong>: ");
    if (f.subject.persona_id) {
      h.m("<a href=\"").t(member_moderation_url(g, *f.subject.persona_id)).m("\">").t(f.persona_name).m("</a>");
    } else {
      h.m("the author of an anonymous post (handle <code>").t(f.subject.handle).m("</code>)");
    }
    if (f.ends_at) h.m(" · until ").t(time.local(*f.ends_at));
    if (!f.reason.empty()) h.m("<br>“").t(f.reason).m("”");
    h.m("</li>");
  }
  h.m("</ul></section>");
}

Response queue_page(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return group_not_found_page(context);
  if (!can_read_content(group->group.privacy, group->viewer)) return members_only_page(context, *group);
  const Group& g = group->group;
  auto view = read_moderation_queue(context.env, context.viewer->account.id, g.id);
  if (!view) return refusal_page(context, view.error(), group_url(g), "Back to the group");
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"")
      .t(group_url(g))
      .m("\">")
      .t(g.name)
      .m("</a></p><h1>Moderation</h1>"
         "<nav aria-label=\"Moderation\" class=\"section-nav\"><a href=\"")
      .t(moderation_url(g, "/log"))
      .m("\">Moderation log</a> <a href=\"")
      .t(moderation_url(g, "/words"))
      .m("\">Watched words</a>");
  if (can_manage(group->viewer)) h.m(" <a href=\"").t(group_url(g, "/manage#moderation")).m("\">Settings</a>");
  h.m("</nav>");
  if (const auto done = context.request.query_value("done")) {
    if (const auto message = moderation_done_message(*done); !message.empty()) notice(h, message);
  }
  h.m("<section aria-labelledby=\"waiting\"><h2 id=\"waiting\">Waiting for you</h2>");
  if (view->items.empty()) {
    h.m("<p>Nothing is waiting. Thank you for looking after the group.</p>");
  } else {
    h.m("<ol class=\"mod-queue\">");
    for (const auto& entry : view->items) item_html(h, g, *view, entry, time);
    h.m("</ol>");
  }
  h.m("</section>");
  in_force_html(h, g, *view, time);
  return render_page(context, {.title = "Moderation · " + g.name}, h);
}

}  // namespace

void add_moderation_queue_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/moderation", web_page(env, PageAccess::members_only, queue_page),
                    "web.group.moderation"});
}

}  // namespace hearth
