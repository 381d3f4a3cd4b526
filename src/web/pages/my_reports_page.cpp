// GET /me/reports: what the member reported and what came of it.
// GET /me/notices: what moderators told the member — warnings, removed posts (with the
// explanation and the rule), mutes (until when) and bans — in every group.
#include "actions/moderation_reads.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

std::string item_url(const reports::MyReport& r) {
  if (r.item == ReportItem::message) return "/messages";  // its conversation, if still theirs to read
  std::string url = "/g/" + r.group_slug;
  if (r.item == ReportItem::post && r.thread_id) {
    url += "/t/" + std::to_string(*r.thread_id) + "#post-" + std::to_string(r.item_id);
  } else if (r.item == ReportItem::persona) {
    url += "/p/" + std::to_string(r.item_id);
  }
  return url;
}

Response reports_page(PageContext& context) {
  const auto mine = read_my_reports(context.env, context.viewer->account.id);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<h1>Your reports</h1>");
  if (const auto received = context.request.query_value("received")) {
    notice(h, *received == "again"
                  ? "You had already reported this. The moderators have your first report."
                  : "Thank you. Your report was received, and the group's moderators will look at it.");
    if (context.request.query_value("risk")) {
      h.m("<div class=\"alert\" role=\"note\"><p>If someone is in danger right now, please call your local emergency "
          "number. You'll find crisis lines for your region on the <a href=\"/help\">Get help now</a> page.</p></div>");
    }
  }
  h.m("<p>Only the group's moderators read reports, and they never see who sent one.</p>");
  if (mine.empty()) {
    h.m("<p>You haven't reported anything.</p>");
  } else {
    h.m("<ul class=\"mod-history\">");
    for (const auto& r : mine) {
      const std::string_view what = r.item == ReportItem::post      ? "A post"
                                    : r.item == ReportItem::message ? "A private message"
                                                                    : "A member";
      if (r.group_slug.empty()) {
        h.m("<li>").t(what).m(" in a hidden group you no longer belong to");
      } else {
        h.m("<li><a href=\"").t(item_url(r)).m("\">").t(what).m("</a> in ").t(r.group_name);
      }
      h.m(" · ").t(report_reason_label(r.reason)).m(" · ");
      time.element(h, r.created_at);
      h.m("<br><strong>").t(report_outcome_label(r.outcome)).m("</strong></li>");
    }
    h.m("</ul>");
  }
  h.m("<p><a href=\"/me/notices\">Messages from moderators to you</a></p>");
  return render_page(context, {.title = "Your reports"}, h);
}

void notice_html(Html& h, const sanctions::Notice& n, const TimeFormatter& time) {
  h.m("<li><strong>");
  switch (n.kind) {
    case SanctionKind::warning:
      h.m("A warning");
      break;
    case SanctionKind::removal:
      // A removed private message's strike names no post (actions/moderation_messages).
      if (n.post_id) {
        h.m("A moderator removed your post");
      } else {
        h.m("A moderator removed your private message");
      }
      break;
    case SanctionKind::mute:
      h.m("Your posting was paused");
      break;
    case SanctionKind::ban:
      h.m("You were banned");
      break;
  }
  if (n.group_slug.empty()) {
    h.m("</strong> in a hidden group you no longer belong to · ");
  } else {
    h.m("</strong> in <a href=\"/g/").t(n.group_slug);
    if (n.thread_id && n.post_id) h.m("/t/").num(*n.thread_id).m("#post-").num(*n.post_id);
    h.m("\">").t(n.group_name).m("</a> · ");
  }
  time.element(h, n.created_at);
  if (n.about_anonymous_post) h.m(" · about a post you wrote anonymously (the moderators don't know it was you)");
  if (n.kind == SanctionKind::mute && n.ends_at) {
    h.m("<br>").t(n.lifted_at ? "Lifted early. It was to last until " : "Until ").t(time.local(*n.ends_at)).m(".");
  } else if (n.kind == SanctionKind::ban && n.lifted_at) {
    h.m("<br>Lifted ").t(time.local(*n.lifted_at)).m(".");
  }
  if (n.rule) h.m("<br>Rule ").num(*n.rule).m(" of the group.");
  if (!n.reason.empty()) h.m("<br>What they told you: “").t(n.reason).m("”");
  h.m("</li>");
}

Response notices_page(PageContext& context) {
  const auto notices = read_my_notices(context.env, context.viewer->account.id);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<h1>Messages from moderators</h1><p>When a group's moderators remove a post of yours, warn you or pause your "
      "posting, they tell you why here. If you think they got it wrong, you can reply to them in the group or ask "
      "its admins.</p>");
  if (notices.empty()) {
    h.m("<p>Nothing here. That's good news.</p>");
  } else {
    h.m("<ul class=\"mod-history\">");
    for (const auto& n : notices) notice_html(h, n, time);
    h.m("</ul>");
  }
  h.m("<p><a href=\"/me/reports\">Your reports</a></p>");
  return render_page(context, {.title = "Messages from moderators"}, h);
}

}  // namespace

void add_my_reports_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back(
      {Method::get, "/me/reports", web_page(env, PageAccess::members_only, reports_page), "web.me.reports"});
  routes.push_back(
      {Method::get, "/me/notices", web_page(env, PageAccess::members_only, notices_page), "web.me.notices"});
}

}  // namespace hearth
