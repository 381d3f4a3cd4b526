// GET /g/{slug}/moderation/log: what the group's moderators did, and why. Whoever may read
// the group (guests too, for a public group) reads the public side — what was done and the
// rule behind it, never who did it or to whom. The group's moderators read all of it; an
// anonymous author appears there only as the post's handle.
#include "actions/moderation_reads.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

std::string_view action_label(std::string_view action) {
  static const std::pair<std::string_view, std::string_view> labels[] = {
      {"post.removed", "Removed a post"},
      {"post.approved", "Approved a waiting post"},
      {"reports.dismissed", "Dismissed reports"},
      {"member.warned", "Warned"},
      {"member.muted", "Muted"},
      {"member.unmuted", "Lifted a mute"},
      {"member.banned", "Banned"},
      {"member.unbanned", "Lifted a ban"},
      {"thread.locked", "Locked a conversation"},
      {"thread.unlocked", "Unlocked a conversation"},
      {"thread.pinned", "Pinned a conversation"},
      {"thread.unpinned", "Unpinned a conversation"},
      {"escalated", "Passed to the platform team"},
      {"request.approved", "Approved a request to join"},
      {"request.declined", "Declined a request to join"},
      {"role.changed", "Changed a role"},
      {"settings.moderation", "Changed the moderation settings"}};
  for (const auto& [code, label] : labels) {
    if (code == action) return label;
  }
  return action;
}

void target_html(Html& h, const Group& g, const moderation_log::Line& line) {
  if (line.target_kind == "persona" && line.target_id) {
    h.m(" · <a href=\"")
        .t(member_moderation_url(g, *line.target_id))
        .m("\">")
        .t(line.target_name.empty() ? std::string("a member") : line.target_name)
        .m("</a>");
  } else if ((line.target_kind == "handle" || line.target_kind == "post") && line.target_id) {
    h.m(" · <a href=\"").t(post_moderation_url(g, *line.target_id)).m("\">");
    h.t(line.target_kind == "handle" ? "the anonymous author of a post" : "a post").m("</a>");
    if (!line.handle.empty()) h.m(" (handle <code>").t(line.handle).m("</code>)");
  } else if (line.thread_id) {
    h.m(" · <a href=\"").t(thread_url(g, *line.thread_id)).m("\">a conversation</a>");
  }
}

void line_html(Html& h, const Group& g, const moderation_log::Line& line, bool full, const TimeFormatter& time) {
  h.m("<li>");
  time.element(h, line.at);
  if (full) {
    h.m(" · <strong>").t(action_label(line.action)).m("</strong>");
    target_html(h, g, line);
    h.m(" · by ").t(line.actor_name.empty() ? std::string("a former moderator") : line.actor_name);
    if (!line.public_summary.empty()) h.m("<br>Members read: ").t(line.public_summary);
    if (!line.reason.empty()) h.m("<br>Explanation: “").t(line.reason).m("”");
  } else {
    h.m(" · ").t(line.public_summary);
  }
  h.m("</li>");
}

Response log_page(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return group_not_found_page(context);
  const Group& g = group->group;
  std::optional<UnixMillis> before;
  if (const auto text = context.request.query_value("before"); text && !text->empty()) before = parse_id(*text);
  const auto log = read_moderation_log(context.env, viewer_account(context), g.id, before);
  if (!log) return members_only_page(context, *group);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"meta\"><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></p><h1>Moderation log</h1><p>");
  if (log->full) {
    h.m("Everything the moderators did here. Members see only what was done and why, without names: the lines "
        "marked \"Members read\". <a href=\"")
        .t(moderation_url(g))
        .m("\">Back to the queue</a>.");
  } else {
    h.m("What the moderators of this group did, and why. Names are left out, so nobody is singled out.");
  }
  h.m("</p>");
  if (log->lines.empty()) {
    h.m("<p>Nothing yet.</p>");
  } else {
    h.m("<ol class=\"mod-log\">");
    for (const auto& line : log->lines) line_html(h, g, line, log->full, time);
    h.m("</ol>");
    if (log->lines.size() >= 100) {
      h.m("<p><a href=\"")
          .t(moderation_url(g, "/log?before=" + std::to_string(log->lines.back().at)))
          .m("\">Older entries</a></p>");
    }
  }
  return render_page(context, {.title = "Moderation log · " + g.name}, h);
}

}  // namespace

void add_moderation_log_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/moderation/log", web_page(env, PageAccess::anyone, log_page),
                    "web.group.moderation.log"});
}

}  // namespace hearth
