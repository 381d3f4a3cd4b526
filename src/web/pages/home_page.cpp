// GET /: what Hearth is, for guests; the member's own starting point once logged in.
#include "actions/reading.hpp"
#include "store/memberships.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

void guest_home(Html& h) {
  h.m("<section class=\"hero\"><h1>Support from people who understand</h1>"
      "<p class=\"lead\">Hearth is a home for peer support groups: people living with a mental or chronic "
      "illness, the people who care for them, new parents, early-career teachers — anyone helped by others "
      "who have been there.</p>"
      "<p class=\"actions\"><a class=\"button\" href=\"/signup\">Join Hearth</a> "
      "<a class=\"button button-quiet\" href=\"/login\">Log in</a></p></section>"
      "<section class=\"features\" aria-labelledby=\"why\"><h2 id=\"why\">Why Hearth feels safe</h2><ul class=\"cards\">"
      "<li class=\"card\"><h3>You choose what to share</h3><p>Sign up with a login name and a password — no email, "
      "no real name. In each group you appear under a separate pseudonym, so nobody can link your groups.</p></li>"
      "<li class=\"card\"><h3>Reading is belonging</h3><p>You never have to post. Read at your own pace, at any hour, "
      "from any time zone, on any connection.</p></li>"
      "<li class=\"card\"><h3>Groups that look after you</h3><p>Clear rules, real moderation, and a card on every group "
      "that says plainly who moderates it and how quickly.</p></li>"
      "<li class=\"card\"><h3>Help is one tap away</h3><p>Every page links to crisis lines and support services "
      "for your region. Peer support is not a replacement for professional care.</p></li>"
      "</ul></section>"
      "<section class=\"card\"><h2>Your data stays yours</h2><p>No advertising, no tracking, no third-party requests. "
      "We don't keep IP addresses beyond rate limiting.</p></section>");
}

void your_groups(Html& h, const PageContext& context) {
  const AccountId account = context.viewer->account.id;
  const auto mine = context.env.store.read([&](Connection& c) { return memberships::groups_of(c, account); });
  h.m("<section class=\"card\" aria-labelledby=\"groups\"><h2 id=\"groups\">Your groups</h2>");
  if (mine.empty()) {
    h.m("<p>You haven't joined any groups yet. When you do, they will appear here with what's new since your last "
        "visit.</p><p><a class=\"button\" href=\"/groups\">Find a group</a></p></section>");
    return;
  }
  h.m("<ul class=\"my-groups\">");
  for (const auto& group : mine) {
    h.m("<li><a class=\"my-group-name\" href=\"/g/").t(group.slug).m("\">").t(group.name).m("</a>");
    if (group.unread_threads > 0) {
      h.m(" <span class=\"badge badge-new\">").num(group.unread_threads).m(" new</span>");
    }
    h.m("<br><span class=\"meta\">You are ").t(group.persona_name);
    if (group.role != Role::member) h.m(" · ").t(role_label(group.role));
    h.m("</span></li>");
  }
  h.m("</ul><p><a href=\"/groups\">Find more groups</a> · <a href=\"/me/personas\">Your pseudonyms</a></p>"
      "</section>");
}

// Threads with posts the member hasn't read, across their groups (lurking is participation).
void recent_activity(Html& h, const PageContext& context) {
  const auto feed = read_home_feed(context.env, context.viewer->account.id, 10);
  if (feed.empty()) return;  // "Your groups" already says what's next
  const TimeFormatter time = time_formatter(context);
  h.m("<section class=\"card\" aria-labelledby=\"activity\"><h2 id=\"activity\">Recent activity</h2>"
      "<ul class=\"thread-list\">");
  for (const auto& entry : feed) {
    h.m("<li><h3><a href=\"/g/").t(entry.group_slug).m("/t/").num(entry.thread_id).m("\">");
    if (entry.title.empty()) h.m("A conversation whose opening post was removed");
    else h.t(entry.title);
    h.m("</a>");
    new_badge(h, entry.unread);
    h.m("</h3><p class=\"meta\">In <a href=\"/g/").t(entry.group_slug).m("\">").t(entry.group_name)
        .m("</a> · last post ");
    time.element(h, entry.last_activity_at);
    h.m("</p></li>");
  }
  h.m("</ul></section>");
}

void member_home(Html& h, const PageContext& context) {
  h.m("<h1>Welcome back</h1>");
  recent_activity(h, context);
  your_groups(h, context);
  h.m("<section class=\"card\" aria-labelledby=\"next\"><h2 id=\"next\">Make Hearth yours</h2><ul class=\"plain-list\">"
      "<li><a href=\"/settings\">Set your time zone and region</a> so times and support services fit where you are.</li>"
      "<li><a href=\"/help\">See the support services for your region</a>.</li></ul></section>");
}

}  // namespace

void add_home_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/", web_page(env, PageAccess::anyone, [](PageContext& context) {
                      Html h;
                      if (context.viewer) {
                        member_home(h, context);
                        return render_page(context, {.title = "Home"}, h);
                      }
                      guest_home(h);
                      return render_page(context, {.title = "Peer support groups", .indexable = true}, h);
                    }),
                    "web.home"});
}

}  // namespace hearth
