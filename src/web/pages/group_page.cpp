// GET /g/{slug}: a group's home. Everyone who may see the group gets its name, description,
// rules, transparency card and support services; those who may read its content also get
// the conversations and the about text. A hidden group answers like a missing page.
#include "actions/blocking.hpp"
#include "actions/muting.hpp"
#include "domain/country.hpp"
#include "store/personas.hpp"
#include "actions/conversations.hpp"
#include "policy/moderation.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

constexpr int threads_per_page = 25;

void thread_entry(Html& h, const Group& g, const threads::Summary& t, bool member, const TimeFormatter& time,
                  BlockEffect block) {
  h.m("<li><h3><a href=\"").t(thread_url(g, t.id)).m("\">");
  if (t.title.empty()) h.m("A conversation whose opening post was removed");
  else if (block == BlockEffect::blocked_you) h.m("A conversation that isn't available to you");  // docs/blocking.md
  else h.t(t.title);
  h.m("</a>");
  if (t.pinned) h.m(" <span class=\"badge\">Pinned</span>");
  if (t.locked) h.m(" <span class=\"badge\">Locked</span>");
  if (member && t.unread) new_badge(h, *t.unread);
  h.m("</h3><p class=\"meta\">");
  if (!t.opening_removed && block != BlockEffect::blocked_you) {
    h.m("Started by ");
    if (t.author.anonymous) h.m("Anonymous member");
    else author_html(h, g, t.author, false);
    if (block == BlockEffect::you_blocked) h.m(" (you blocked them)");
    h.m(" · ");
  }
  const int64_t replies = t.post_count - 1;
  if (replies == 0) h.m("no replies yet");
  else h.num(replies).t(replies == 1 ? " reply" : " replies");
  h.m(" · last post ");
  time.element(h, t.last_activity_at);
  h.m("</p></li>");
}

// The conversations: pinned first, then by latest activity, a page at a time (keyset
// pagination: "?after=" carries the position of the last one shown).
void threads_section(Html& h, const PageContext& context, const GroupInView& view, const threads::Page& page,
                     bool later_page) {
  const Group& g = view.group;
  const bool member = is_active_member(view.viewer);
  h.m("<section id=\"threads\" class=\"card\" aria-labelledby=\"threads-heading\"><div class=\"page-head\">"
      "<h2 id=\"threads-heading\">Conversations</h2>");
  if (can_participate(g.privacy, view.viewer)) {
    h.m("<a class=\"button\" href=\"").t(group_url(g, "/new")).m("\">Start a conversation</a>");
  }
  h.m("</div>");
  if (page.threads.empty()) {
    if (later_page) {
      h.m("<p>There are no older conversations.</p>");
    } else {
      h.m("<p>No conversations yet.");
      if (can_participate(g.privacy, view.viewer)) h.m(" Yours could be the first.");
      h.m("</p>");
    }
  } else {
    const TimeFormatter time = time_formatter(context);
    h.m("<ul class=\"thread-list\">");
    // Threads opened under a name a block stands between (never an anonymous one); a moderator
    // keeps every title.
    const BlockSet blocks = context.viewer ? read_block_set(context.env, context.viewer->account.id) : BlockSet{};
    for (const auto& thread : page.threads) {
      BlockEffect block = block_effect(blocks, thread.author.anonymous || thread.opening_removed, thread.author.persona_id);
      if (block == BlockEffect::blocked_you && can_moderate(view.viewer)) block = BlockEffect::none;
      thread_entry(h, g, thread, member, time, block);
    }
    h.m("</ul>");
  }
  if (page.next || later_page) {
    h.m("<p class=\"inline-links\">");
    if (later_page) h.m("<a href=\"").t(group_url(g, "#threads")).m("\">Latest conversations</a>");
    if (page.next) {
      h.m("<a href=\"").t(group_url(g, "?after=")).t(threads::format_cursor(*page.next))
          .m("#threads\">Older conversations</a>");
    }
    h.m("</p>");
  }
  h.m("</section>");
}

// Muting the group is private (docs/blocking.md): its conversations leave the member's home
// page and unread counts; the group reads as before.
void mute_group_form(Html& h, const PageContext& context, const Group& g) {
  const bool muted = read_mute_state(context.env, context.viewer->account.id, g.id).group_muted;
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/mute")).m("\">");
  csrf_input(h, context);
  if (muted) {
    h.m("<p>You've muted this group: its conversations don't show on your home page or count as new. "
        "<input type=\"hidden\" name=\"mute\" value=\"0\"><button type=\"submit\" class=\"link-button\">Unmute "
        "this group</button></p></form>");
  } else {
    h.m("<input type=\"hidden\" name=\"mute\" value=\"1\"><button type=\"submit\" class=\"button button-quiet\">"
        "Mute this group</button></form>");
  }
}

void membership_box(Html& h, const PageContext& context, const GroupInView& view, const std::string& persona_name) {
  const Group& g = view.group;
  const auto& membership = view.viewer.membership;
  h.m("<section class=\"card membership\" aria-labelledby=\"you-here\"><h2 id=\"you-here\" class=\"visually-hidden\">"
      "Your place in this group</h2>");
  if (!context.viewer) {
    const std::string next = percent_encode(group_url(g, "/join"));
    h.m("<p><a class=\"button\" href=\"/login?next=").t(next).m("\">");
    h.t(g.privacy == Privacy::private_group ? "Log in to ask to join" : "Log in to join");
    h.m("</a></p><p class=\"hint\">New to Hearth? <a href=\"/signup\">Join Hearth</a> first; no email or real name "
        "needed.</p></section>");
    return;
  }
  switch (join_path(g.privacy, view.viewer)) {
    case JoinPath::already_member:
      h.m("<p>You're a member as <a href=\"").t(group_url(g, "/p/" + std::to_string(membership->persona_id))).m("\">")
          .t(persona_name).m("</a>");
      if (membership->role != Role::member) h.m(" (").t(role_label(membership->role)).m(")");
      h.m(".</p><ul class=\"inline-links\"><li><a href=\"").t(group_url(g, "/members")).m("\">Members</a></li>");
      if (can_manage(view.viewer)) h.m("<li><a href=\"").t(group_url(g, "/manage")).m("\">Manage the group</a></li>");
      else if (can_moderate(view.viewer)) h.m("<li><a href=\"").t(group_url(g, "/manage")).m("\">Requests to join</a></li>");
      h.m("<li><a href=\"/me/personas/").num(membership->persona_id).m("\">Edit your pseudonym and profile</a></li>"
          "<li><a href=\"").t(group_url(g, "/leave")).m("\">Leave the group</a></li></ul>");
      mute_group_form(h, context, g);
      break;
    case JoinPath::pending:
      h.m("<p><strong>Your request is waiting.</strong> The group's admins will decide soon; you'll be able to read "
          "and post once they let you in.</p><p><a href=\"").t(group_url(g, "/leave")).m("\">Withdraw my request</a></p>");
      break;
    case JoinPath::banned: h.m("<p>You can't take part in this group.</p>"); break;
    case JoinPath::join_directly:
    case JoinPath::request:
      if (membership && membership->status == MembershipStatus::declined) {
        h.m("<p>Your last request to join was declined.");
        if (!membership->decision_reason.empty()) h.m(" The admins said: “").t(membership->decision_reason).m("”");
        h.m("</p>");
      }
      h.m("<p><a class=\"button\" href=\"").t(group_url(g, "/join")).m("\">");
      h.t(g.privacy == Privacy::private_group ? "Ask to join" : "Join this group");
      h.m("</a></p>");
      break;
    case JoinPath::invite_only:
    case JoinPath::none: h.m("<p>People join this group by invitation.</p>"); break;
  }
  h.m("</section>");
}

Response group_page(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  const Group& g = view->group;
  const GroupFacts facts = load_group_facts(context.env, g, context.viewer ? context.viewer->account.region : "");
  std::string persona_name;
  if (is_active_member(view->viewer)) {
    const PersonaId id = view->viewer.membership->persona_id;
    persona_name = context.env.store.read([&](Connection& c) {
      const auto persona = personas::find(c, id);
      return persona ? persona->name : std::string();
    });
  }
  const bool readable = can_read_content(g.privacy, view->viewer);
  std::optional<threads::Page> threads;
  const std::string after = context.request.query_value("after").value_or("");
  if (readable) {
    std::optional<threads::Cursor> cursor;
    if (!after.empty()) {
      cursor = threads::parse_cursor(after);
      if (!cursor) {
        return render_error_page(context.request, 400,
                                 "That page of conversations doesn't exist. Please go back to the group's page.");
      }
    }
    threads = read_group_threads(context.env, g.id, viewer_account(context), cursor, threads_per_page);
  }

  Html h;
  h.m("<div class=\"group-head\"><p class=\"meta\">").t(privacy_label(g.privacy));
  if (const Country* country = g.region.empty() ? nullptr : find_country(g.region)) h.m(" · ").t(country->name);
  h.m("</p><h1>").t(g.name).m("</h1><p class=\"lead\">").t(g.description).m("</p>");
  topic_list(h, g.topics);
  h.m("</div>");
  if (context.request.query_value("created") && can_manage(view->viewer)) {
    notice(h, "Your group is ready, and you are its owner as " + persona_name +
                  ". Invite people, or add rules and support services under \"Manage the group\".");
  } else if (context.request.query_value("welcome") && is_active_member(view->viewer)) {
    notice(h, "Welcome! You're a member now, as " + persona_name + ".");
  } else if (context.request.query_value("withdrawn") && !view->viewer.membership) {
    notice(h, "Your request is withdrawn.");
  }
  h.m("<div class=\"group-layout\"><div class=\"group-main\">");
  membership_box(h, context, *view, persona_name);
  if (threads) {
    threads_section(h, context, *view, *threads, !after.empty());
    if (!g.about.empty()) {
      h.m("<section class=\"card\" aria-labelledby=\"about\"><h2 id=\"about\">About this group</h2>");
      about_html(h, g.about);
      h.m("</section>");
    }
  } else {
    h.m("<section class=\"card\"><h2>Conversations</h2><p>Only members can read this group's conversations and see "
        "who belongs to it.</p></section>");
  }
  h.m("</div><aside class=\"group-side\" aria-label=\"Group details\">");
  transparency_card(h, g, facts.transparency, context.env.clock.now(), context.time_zone(),
                    can_read_moderation_log(g.privacy, view->viewer));
  rules_card(h, facts.rules);
  services_card(h, facts);
  h.m("</aside></div>");
  const bool indexable = g.privacy == Privacy::public_group && g.search_indexable;
  return render_page(context, {.title = g.name, .indexable = indexable}, h);
}

}  // namespace

void add_group_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}", web_page(env, PageAccess::anyone, group_page), "web.group"});
}

}  // namespace hearth
