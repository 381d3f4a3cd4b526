// GET /g/{slug}/manage and its forms. Moderators decide requests to join; admins and the
// owner also change the settings, make and withdraw invite links, set roles and the
// trained-volunteer badge, and list the group's own support services. Every change goes
// through an action, which checks the permission again.
#include <boost/json/parse.hpp>

#include "actions/groups.hpp"
#include "actions/invite_lookup.hpp"
#include "actions/membership.hpp"
#include "core/time_zone.hpp"
#include "store/groups.hpp"
#include "store/invites.hpp"
#include "store/memberships.hpp"
#include "store/moderation_settings.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/pages/group_manage.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct Outcome {
  std::optional<Error> error;
  std::string section;            // where the error belongs: "settings", "invites", "services", …
  std::optional<GroupDraft> draft;  // the submitted settings, re-shown with the error
  std::optional<NewInvite> invite;  // freshly made: its link is shown once
};

struct ManageData {
  std::vector<std::string> rules;
  std::vector<std::string> questions;
  std::vector<memberships::PendingRequest> pending;
  std::vector<memberships::MemberEntry> members;
  std::vector<invites::Invite> invites;
  std::vector<GroupService> services;
  ModerationSettings moderation;
};

ManageData load(const PageContext& context, GroupId id, bool manager) {
  return context.env.store.read([&](Connection& c) {
    ManageData d;
    d.questions = groups::questions(c, id);
    d.pending = memberships::pending(c, id);
    if (manager) {
      d.rules = groups::rules(c, id);
      d.members = memberships::active_members(c, id, 1000);
      d.invites = invites::of_group(c, id);
      d.services = groups::services(c, id);
      d.moderation = moderation_settings::find(c, id);
    }
    return d;
  });
}

const char* saved_message(std::string_view what) {
  if (what == "settings") return "The group's settings are saved.";
  if (what == "approved") return "Request approved. They are a member now.";
  if (what == "declined") return "Request declined. They will see your reason, if you gave one.";
  if (what == "revoked") return "The invite link is withdrawn. It no longer works.";
  if (what == "role") return "The role is changed.";
  if (what == "volunteer") return "The trained-volunteer badge is updated.";
  if (what == "service-added") return "The service is added to the group's sidebar.";
  if (what == "service-removed") return "The service is removed.";
  if (what == "moderation") return "The moderation settings are saved.";
  return nullptr;
}

void section_error(Html& h, const Outcome& outcome, std::string_view section) {
  if (outcome.error && outcome.section == section) error_summary(h, *outcome.error);
}

std::vector<std::string> parse_answers(const std::string& json) {
  std::vector<std::string> answers;
  boost::system::error_code ec;
  const auto value = boost::json::parse(json, ec);
  if (ec || !value.is_array()) return answers;
  for (const auto& item : value.as_array()) {
    if (item.is_string()) answers.emplace_back(item.as_string());
  }
  return answers;
}

void requests_section(Html& h, const PageContext& context, const Group& g, const ManageData& d, const Outcome& o) {
  h.m("<section class=\"card\" aria-labelledby=\"requests\"><h2 id=\"requests\">Requests to join</h2>");
  section_error(h, o, "requests");
  if (d.pending.empty()) {
    h.m("<p>No one is waiting.</p></section>");
    return;
  }
  const UnixMillis now = context.env.clock.now();
  h.m("<ul class=\"request-list\">");
  for (const auto& request : d.pending) {
    const std::string id = std::to_string(request.persona_id);
    h.m("<li><h3>").t(request.persona_name).m("</h3><p class=\"meta\">Asked <time datetime=\"")
        .t(format_rfc3339(request.requested_at)).m("\">").t(format_relative(request.requested_at, now, context.time_zone()))
        .m("</time></p>");
    const auto answers = parse_answers(request.answers);
    if (!answers.empty()) {
      h.m("<dl class=\"answers\">");
      for (std::size_t i = 0; i < answers.size(); ++i) {
        h.m("<dt>").t(i < d.questions.size() ? d.questions[i] : "Question " + std::to_string(i + 1)).m("</dt><dd>")
            .t(answers[i]).m("</dd>");
      }
      h.m("</dl>");
    }
    h.m("<form method=\"post\" action=\"").t(group_url(g, "/manage/requests/" + id)).m("\">");
    csrf_input(h, context);
    h.m("<div class=\"field\"><label for=\"reason-").t(id).m("\">Reason, if you decline <span class=\"optional\">"
        "(optional; they will see it)</span></label><input type=\"text\" id=\"reason-").t(id)
        .m("\" name=\"reason\" maxlength=\"500\"></div><button type=\"submit\" name=\"decision\" value=\"approve\" "
           "class=\"button\">Let ").t(request.persona_name).m(" in</button> <button type=\"submit\" name=\"decision\" "
           "value=\"decline\" class=\"button button-quiet\">Decline</button></form></li>");
  }
  h.m("</ul></section>");
}

void settings_section(Html& h, const PageContext& context, const Group& g, const ManageData& d, const Outcome& o) {
  h.m("<section class=\"card\" aria-labelledby=\"settings\"><h2 id=\"settings\">Settings</h2>");
  section_error(h, o, "settings");
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/manage/settings")).m("\" novalidate>");
  csrf_input(h, context);
  const GroupDraft draft = o.draft ? *o.draft : draft_from_group(g, d.rules, d.questions);
  group_fields(h, draft, o.section == "settings" ? o.error : std::nullopt);
  h.m("<button type=\"submit\" class=\"button\">Save settings</button></form></section>");
}

std::string invite_link(const PageContext& context, const std::string& token) {
  const std::string path = "/invite/" + token;
  const auto host = context.request.header("Host");
  if (!host || host->empty()) return path;
  return std::string(context.request.secure ? "https://" : "http://") + std::string(*host) + path;
}

void invite_row(Html& h, const PageContext& context, const Group& g, const invites::Invite& i, UnixMillis now) {
  const std::string zone = context.time_zone();
  h.m("<li><span>Made <time datetime=\"").t(format_rfc3339(i.created_at)).m("\">")
      .t(format_relative(i.created_at, now, zone)).m("</time> · used ").num(i.uses);
  if (i.max_uses) h.m(" of ").num(*i.max_uses);
  h.t(i.uses == 1 && !i.max_uses ? " time" : " times");
  if (i.revoked_at) h.m(" · <strong>withdrawn</strong>");
  else if (i.expires_at && *i.expires_at <= now) h.m(" · <strong>expired</strong>");
  else if (i.max_uses && i.uses >= *i.max_uses) h.m(" · <strong>used up</strong>");
  else if (i.expires_at) h.m(" · works until ").t(format_local(*i.expires_at, zone));
  h.m("</span>");
  if (invite_is_usable(i, now)) {
    h.m(" <form method=\"post\" class=\"inline-form\" action=\"")
        .t(group_url(g, "/manage/invites/" + std::to_string(i.id) + "/revoke")).m("\">");
    csrf_input(h, context);
    h.m("<button type=\"submit\" class=\"link-button\">Withdraw</button></form>");
  }
  h.m("</li>");
}

void invites_section(Html& h, const PageContext& context, const Group& g, const ManageData& d, const Outcome& o) {
  h.m("<section class=\"card\" aria-labelledby=\"invites\"><h2 id=\"invites\">Invite links</h2>");
  section_error(h, o, "invites");
  if (o.invite) {
    h.m("<div class=\"alert alert-ok\" role=\"status\"><p>Your invite link is ready. Copy it now: it is shown only "
        "this once.</p><p><code class=\"new-token\">").t(invite_link(context, o.invite->token)).m("</code></p></div>");
  }
  h.m("<p>Anyone with a working link can join, whatever the group's privacy. For a hidden group it is the only way "
      "in.</p>");
  const UnixMillis now = context.env.clock.now();
  if (!d.invites.empty()) {
    h.m("<ul class=\"token-list\">");
    for (const auto& invite : d.invites) invite_row(h, context, g, invite, now);
    h.m("</ul>");
  }
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/manage/invites")).m("\" class=\"row-form\">");
  csrf_input(h, context);
  select_field(h, {.name = "expires_in_days", .label = "Works for", .value = "7"},
               {{"1", "1 day"}, {"7", "7 days"}, {"30", "30 days"}, {"365", "1 year"}, {"", "Until withdrawn"}});
  input_field(h, {.name = "max_uses", .label = "How many people can use it", .type = "number",
                  .hint = "Leave empty for no limit.", .required = false});
  h.m("<button type=\"submit\" class=\"button button-quiet\">Make an invite link</button></form></section>");
}

void member_row(Html& h, const PageContext& context, const GroupInView& view, const memberships::MemberEntry& m) {
  const Group& g = view.group;
  const bool is_self = view.viewer.membership && view.viewer.membership->persona_id == m.persona_id;
  const std::string id = std::to_string(m.persona_id);
  h.m("<li><a href=\"").t(group_url(g, "/p/" + id)).m("\">").t(m.persona_name).m("</a> <span class=\"badge\">")
      .t(role_label(m.role)).m("</span>");
  if (m.trained_volunteer) h.m(" <span class=\"badge badge-volunteer\">Trained volunteer</span>");
  std::vector<Option> roles;
  for (const Role r : {Role::member, Role::moderator, Role::admin, Role::owner}) {
    if (r == m.role || can_change_role(view.viewer, m.role, r, is_self)) {
      roles.push_back({std::string(role_name(r)), r == Role::owner && r != m.role ? "Owner (you hand ownership over)"
                                                                                  : std::string(role_label(r))});
    }
  }
  h.m("<div class=\"member-actions\">");
  if (roles.size() > 1) {
    h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(group_url(g, "/manage/members/" + id + "/role"))
        .m("\">");
    csrf_input(h, context);
    h.m("<label class=\"visually-hidden\" for=\"role-").t(id).m("\">Role of ").t(m.persona_name).m("</label>"
        "<select id=\"role-").t(id).m("\" name=\"role\">");
    for (const auto& option : roles) {
      h.m("<option value=\"").t(option.value).m("\"");
      if (option.value == role_name(m.role)) h.m(" selected");
      h.m(">").t(option.label).m("</option>");
    }
    h.m("</select> <button type=\"submit\" class=\"button button-quiet\">Change role<span class=\"visually-hidden\"> of ")
        .t(m.persona_name).m("</span></button></form>");
  }
  h.m("<form method=\"post\" class=\"inline-form\" action=\"").t(group_url(g, "/manage/members/" + id + "/volunteer"))
      .m("\">");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"volunteer\" value=\"").t(m.trained_volunteer ? "0" : "1")
      .m("\"><button type=\"submit\" class=\"link-button\">").t(m.trained_volunteer ? "Remove" : "Give")
      .m(" the trained-volunteer badge<span class=\"visually-hidden\"> (").t(m.persona_name)
      .m(")</span></button></form></div></li>");
}

void members_section(Html& h, const PageContext& context, const GroupInView& view, const ManageData& d,
                     const Outcome& o) {
  h.m("<section class=\"card\" aria-labelledby=\"roles\"><h2 id=\"roles\">Members and roles</h2>");
  section_error(h, o, "roles");
  h.m("<p class=\"hint\">Moderators decide requests to join. Admins also change settings, invites and roles. The "
      "owner can do everything; there is always exactly one. The trained-volunteer badge tells members someone has "
      "had training in peer support.</p><ul class=\"member-list manage\">");
  for (const auto& m : d.members) member_row(h, context, view, m);
  h.m("</ul></section>");
}

void services_section(Html& h, const PageContext& context, const Group& g, const ManageData& d, const Outcome& o) {
  h.m("<section class=\"card\" aria-labelledby=\"services\"><h2 id=\"services\">Support services</h2>"
      "<p>Shown beside the group, together with Hearth's list for the group's region.</p>");
  section_error(h, o, "services");
  if (!d.services.empty()) {
    h.m("<ul class=\"token-list\">");
    for (const auto& s : d.services) {
      h.m("<li><span class=\"token-name\">").t(s.name).m("</span> <span class=\"meta\">").t(s.phone);
      if (!s.phone.empty() && !s.website.empty()) h.m(" · ");
      h.t(s.website).m("</span> <form method=\"post\" class=\"inline-form\" action=\"")
          .t(group_url(g, "/manage/services/" + std::to_string(s.id) + "/remove")).m("\">");
      csrf_input(h, context);
      h.m("<button type=\"submit\" class=\"link-button\">Remove<span class=\"visually-hidden\"> ").t(s.name)
          .m("</span></button></form></li>");
    }
    h.m("</ul>");
  }
  const bool mine = o.section == "services";
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/manage/services")).m("\">");
  csrf_input(h, context);
  input_field(h, {.name = "service_name", .label = "Service name", .value = mine ? context.field("service_name") : "",
                  .max_length = 300});
  input_field(h, {.name = "service_phone", .label = "Phone", .type = "tel", .value = mine ? context.field("service_phone") : "",
                  .required = false, .max_length = 300});
  input_field(h, {.name = "service_website", .label = "Website", .type = "url", .hint = "Starting with https://",
                  .value = mine ? context.field("service_website") : "", .required = false, .max_length = 300});
  input_field(h, {.name = "service_description", .label = "What it offers",
                  .value = mine ? context.field("service_description") : "", .required = false, .max_length = 300});
  h.m("<button type=\"submit\" class=\"button button-quiet\">Add the service</button></form></section>");
}

// Held posts and slow mode (the queue itself is on /g/{slug}/moderation).
void moderation_section(Html& h, const PageContext& context, const Group& g, const ManageData& d, const Outcome& o) {
  const bool mine = o.section == "moderation" && o.error;
  const auto value = [&](std::string_view field, int stored) {
    return mine ? context.field(field) : std::to_string(stored);
  };
  h.m("<section class=\"card\" aria-labelledby=\"moderation\"><h2 id=\"moderation\">Moderation</h2><p>Posts that "
      "wait appear in the <a href=\"").t(group_url(g, "/moderation")).m("\">moderation queue</a>; nobody but their "
      "author and the moderators sees them until one of you approves them.</p>");
  section_error(h, o, "moderation");
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/manage/moderation")).m("\">");
  csrf_input(h, context);
  input_field(h, {.name = "hold_first_posts", .label = "New members' first posts that wait for approval",
                  .type = "number", .hint = "0 lets everyone post straight away. At most 20.",
                  .value = value("hold_first_posts", d.moderation.hold_first_posts),
                  .error = mine ? error_for(o.error, "hold_first_posts") : "", .required = false});
  std::vector<Option> slow{{"0", "Off"},         {"30", "30 seconds"}, {"60", "1 minute"}, {"300", "5 minutes"},
                           {"900", "15 minutes"}, {"3600", "1 hour"},   {"86400", "1 day"}};
  select_field(h, {.name = "slow_mode_seconds", .label = "Slow mode: time between one member's posts",
                   .hint = "Gives heated conversations room to breathe. Moderators are not slowed down.",
                   .value = value("slow_mode_seconds", d.moderation.slow_mode_seconds),
                   .error = mine ? error_for(o.error, "slow_mode_seconds") : "", .required = false},
               slow);
  checkbox_field(h, "hold_anonymous", "Anonymous posts wait for approval",
                 g.anonymous_posting ? "Anonymous posting on, with approval."
                                     : "Anonymous posting is off in the settings below; this applies once it is on.",
                 mine ? context.field("hold_anonymous") == "1" : d.moderation.hold_anonymous);
  h.m("<button type=\"submit\" class=\"button button-quiet\">Save moderation settings</button></form></section>");
}

Response render(PageContext& context, const GroupInView& view, const Outcome& outcome, int status = 200) {
  const Group& g = view.group;
  const bool manager = can_manage(view.viewer);
  const ManageData data = load(context, g.id, manager);
  Html h;
  h.m("<p class=\"meta\"><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></p><h1>")
      .t(manager ? "Manage the group" : "Requests to join").m("</h1>");
  if (outcome.error && outcome.section.empty()) error_summary(h, *outcome.error);
  if (const auto saved = context.request.query_value("saved")) {
    if (const char* message = saved_message(*saved)) notice(h, message);
  }
  if (manager) {
    h.m("<nav aria-label=\"Sections\" class=\"section-nav\"><a href=\"#requests\">Requests</a> <a href=\"#invites\">"
        "Invites</a> <a href=\"#roles\">Roles</a> <a href=\"#services\">Services</a> <a href=\"#moderation\">Moderation"
        "</a> <a href=\"#settings\">Settings</a></nav>");
  }
  h.m("<p><a href=\"").t(group_url(g, "/moderation")).m("\">The moderation queue</a>: reports and posts waiting for "
      "approval.</p>");
  requests_section(h, context, g, data, outcome);
  if (manager) {
    invites_section(h, context, g, data, outcome);
    members_section(h, context, view, data, outcome);
    services_section(h, context, g, data, outcome);
    moderation_section(h, context, g, data, outcome);
    settings_section(h, context, g, data, outcome);
  }
  return render_page(context, {.title = std::string(manager ? "Manage " : "Requests · ") + g.name}, h, status);
}

}  // namespace

Response render_manage_page(PageContext& context, const GroupInView& view, const std::optional<Error>& error,
                            std::string_view section, const std::optional<GroupDraft>& draft,
                            const std::optional<NewInvite>& invite) {
  const int status = error ? status_for(*error) : 200;
  return render(context, view, Outcome{error, std::string(section), draft, invite}, status);
}

Response manage_page(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  if (!can_moderate(view->viewer)) {
    return message_page(context, 403, "Only the group's moderators and admins can manage it",
                        "If you think something here needs attention, please tell one of them.",
                        group_url(view->group), "Back to the group");
  }
  return render(context, *view, {});
}

}  // namespace hearth
