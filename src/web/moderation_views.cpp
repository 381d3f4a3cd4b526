#include "web/moderation_views.hpp"

#include <algorithm>
#include <charconv>

#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

std::string_view action_label(ModerationAction action) {
  switch (action) {
    case ModerationAction::approve:
      return "Approve: it can stay (publishes a post that waits)";
    case ModerationAction::dismiss:
      return "Dismiss the reports: nothing needs doing";
    case ModerationAction::remove:
      return "Remove the post, telling the author why";
    case ModerationAction::warn:
      return "Warn the author";
    case ModerationAction::mute:
      return "Mute: no posting, replying or reacting for a while";
    case ModerationAction::unmute:
      return "Lift the mute";
    case ModerationAction::ban:
      return "Ban from the group";
    case ModerationAction::unban:
      return "Lift the ban";
    case ModerationAction::lock:
      return "Lock the conversation";
    case ModerationAction::unlock:
      return "Unlock the conversation";
    case ModerationAction::escalate:
      return "Pass it to Hearth's platform team";
    case ModerationAction::note:
      return "Keep a private note (only moderators see it)";
  }
  return "";
}

const std::pair<const char*, const char*> mute_lengths[] = {
    {"1", "1 hour"}, {"24", "1 day"}, {"72", "3 days"}, {"168", "1 week"}, {"720", "30 days"}};

std::optional<int> number_field(const PageContext& context, std::string_view name) {
  const std::string text = context.field(name);
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::string moderation_url(const Group& group, std::string_view rest) {
  return "/g/" + group.slug + "/moderation" + std::string(rest);
}

std::string post_moderation_url(const Group& group, PostId post) {
  return moderation_url(group, "/posts/" + std::to_string(post));
}

std::string member_moderation_url(const Group& group, PersonaId persona) {
  return moderation_url(group, "/p/" + std::to_string(persona));
}

std::string rule_text(const std::vector<std::string>& rules, int rule) {
  std::string text = "Rule " + std::to_string(rule);
  if (rule >= 1 && static_cast<std::size_t>(rule) <= rules.size())
    text += ": " + rules[static_cast<std::size_t>(rule - 1)];
  return text;
}

void post_card_html(Html& h, const Group& group, const moderation_queue::PostCard& p, std::string_view handle,
                    const TimeFormatter& time) {
  h.m("<div class=\"mod-post\"><p class=\"meta\">")
      .t(p.opening ? "Opening post of " : "Reply in ")
      .m("<a href=\"")
      .t(thread_url(group, p.thread_id, "#post-" + std::to_string(p.id)))
      .m("\">")
      .t(p.thread_title.empty() ? std::string("a conversation") : p.thread_title)
      .m("</a> · ");
  time.element(h, p.created_at);
  if (p.thread_locked) h.m(" · locked");
  h.m("</p><p class=\"by\">");
  if (p.removed) {
    h.t(p.removed_by_moderator ? "Removed by a moderator" : "Removed by its author");
  } else {
    author_html(h, group, p.author, false);
    if (!handle.empty()) h.m(" · handle <code>").t(handle).m("</code>");
  }
  if (p.held) h.m(" <span class=\"badge\">Waiting for a moderator</span>");
  h.m("</p>");
  if (p.held && !p.held_reason.empty()) h.m("<p class=\"hint\">").t(hold_reason_label(p.held_reason)).m(".</p>");
  if (!p.removed) {
    if (!p.content_warning.empty()) h.m("<p class=\"meta\">Content warning: ").t(p.content_warning).m("</p>");
    h.m("<div class=\"prose\">").raw_unescaped(p.body_html).m("</div>");
  }
  h.m("</div>");
}

void open_reports_html(Html& h, const reports::OpenItem& item, const std::vector<std::string>& rules,
                       const TimeFormatter& time) {
  if (item.count == 0) return;
  h.m("<div class=\"mod-reports\"><p>");
  if (item.at_risk) h.m("<strong class=\"badge badge-risk\">Someone may be at risk</strong> ");
  h.num(item.count).t(item.count == 1 ? " report" : " reports").m(", the first ");
  time.element(h, item.first_at);
  h.m(": ");
  for (std::size_t i = 0; i < item.reasons.size(); ++i) h.t(i == 0 ? "" : ", ").t(report_reason_label(item.reasons[i]));
  h.m("</p>");
  if (!item.rules.empty()) {
    h.m("<p class=\"meta\">");
    for (std::size_t i = 0; i < item.rules.size(); ++i) h.t(i == 0 ? "" : " · ").t(rule_text(rules, item.rules[i]));
    h.m("</p>");
  }
  if (!item.notes.empty()) {
    h.m("<ul class=\"mod-notes\">");
    for (const auto& note : item.notes) h.m("<li>").t(note).m("</li>");
    h.m("</ul>");
  }
  h.m("</div>");
}

void filter_flags_html(Html& h, const std::vector<filter_flags::Flag>& flags) {
  if (flags.empty()) return;
  h.m("<div class=\"mod-reports mod-filters\">");
  const bool at_risk = std::any_of(flags.begin(), flags.end(), [](const auto& f) { return f.at_risk; });
  if (at_risk) h.m("<p><strong class=\"badge badge-risk\">Someone may be at risk</strong></p>");
  h.m("<p>Found by the group's filters:</p><ul class=\"mod-notes\">");
  for (const auto& f : flags) {
    h.m("<li><strong>").t(filter_flags::filter_label(f.filter)).m("</strong>");
    if (!f.detail.empty()) h.m(" (").t(f.detail).m(")");
    if (!f.words.empty()) h.m(": “").t(f.words).m("”");
    h.m("</li>");
  }
  h.m("</ul></div>");
}

void standing_html(Html& h, const sanctions::Standing& s, const TimeFormatter& time) {
  h.m("<p>");
  if (s.banned) {
    h.m("<strong>Banned.</strong> ");
  } else if (s.muted_until) {
    h.m("<strong>Muted</strong> until ").t(time.local(*s.muted_until)).m(". ");
  }
  h.num(s.strikes).t(s.strikes == 1 ? " strike" : " strikes").m(" (warnings and removed posts).</p>");
}

void history_html(Html& h, const std::vector<sanctions::Entry>& history, const std::vector<std::string>& rules,
                  const TimeFormatter& time) {
  if (history.empty()) {
    h.m("<p>Nothing yet.</p>");
    return;
  }
  h.m("<ul class=\"mod-history\">");
  for (const auto& e : history) {
    // A removed private message's strike names no post (actions/moderation_messages).
    const bool message = e.kind == SanctionKind::removal && !e.post_id;
    h.m("<li><strong>")
        .t(message ? std::string_view("Private message removed") : sanction_label(e.kind))
        .m("</strong> ");
    time.element(h, e.created_at);
    if (!e.actor_name.empty()) h.m(" by ").t(e.actor_name);
    if (e.kind == SanctionKind::mute && e.ends_at) h.m(" · until ").t(time.local(*e.ends_at));
    if (e.lifted_at) h.m(" · lifted ").t(time.local(*e.lifted_at));
    if (e.rule) h.m("<br>").t(rule_text(rules, *e.rule));
    if (!e.reason.empty()) h.m("<br>“").t(e.reason).m("”");
    h.m("</li>");
  }
  h.m("</ul>");
}

void notes_html(Html& h, const std::vector<moderator_notes::Note>& notes, const TimeFormatter& time) {
  if (notes.empty()) {
    h.m("<p>No notes yet.</p>");
    return;
  }
  h.m("<ul class=\"mod-history\">");
  for (const auto& n : notes) {
    h.m("<li>").t(n.body).m("<br><span class=\"meta\">");
    if (!n.author_name.empty()) h.t(n.author_name).m(", ");
    time.element(h, n.created_at);
    h.m("</span></li>");
  }
  h.m("</ul>");
}

void rule_select(Html& h, const std::vector<std::string>& rules, std::string_view name, std::string_view label,
                 std::string_view selected, std::string_view error) {
  std::vector<Option> options{{"", "None in particular"}};
  for (std::size_t i = 0; i < rules.size(); ++i) {
    options.push_back({std::to_string(i + 1), rule_text(rules, static_cast<int>(i + 1))});
  }
  select_field(
      h, {.name = name, .label = label, .value = std::string(selected), .error = std::string(error), .required = false},
      options);
}

void moderation_action_form(Html& h, const PageContext& context, const ActionFormOptions& o) {
  const bool again = o.error.has_value();
  const std::string chosen = again ? context.field("action") : "";
  h.m("<form method=\"post\" action=\"").t(o.action_url).m("\" class=\"mod-form\">");
  csrf_input(h, context);
  if (again) error_summary(h, *o.error);
  h.m("<fieldset class=\"field\"><legend>").t(o.heading).m("</legend>");
  for (const ModerationAction action : o.actions) {
    const std::string_view name = moderation_action_name(action);
    h.m("<div class=\"radio\"><input type=\"radio\" name=\"action\" id=\"act-")
        .t(name)
        .m("\" value=\"")
        .t(name)
        .m("\"");
    if (chosen == name) h.m(" checked");
    h.m(" required><label for=\"act-").t(name).m("\">").t(action_label(action)).m("</label></div>");
  }
  h.m("</fieldset>");
  textarea_field(h,
                 {.name = "reason",
                  .label = "Explanation",
                  .hint = "For a removal, warning, mute or ban the member reads it, so keep it kind and clear. For "
                          "the platform team: what they should look at. For a note: the note.",
                  .value = again ? context.field("reason") : "",
                  .error = error_for(o.error, "reason"),
                  .required = false,
                  .max_length = static_cast<int>(max_moderation_reason_length)},
                 3);
  if (!o.rules.empty()) {
    rule_select(h, o.rules, "rule", "The rule it breaks", again ? context.field("rule") : "",
                error_for(o.error, "rule"));
  }
  std::vector<Option> lengths;
  for (const auto& [value, label] : mute_lengths) lengths.push_back({value, label});
  select_field(h,
               {.name = "mute_hours",
                .label = "How long a mute lasts",
                .value = again ? context.field("mute_hours") : "24",
                .error = error_for(o.error, "mute_hours"),
                .required = false},
               lengths);
  h.m("<button type=\"submit\" class=\"button\">Do it</button></form>");
}

std::optional<ModerationRequest> moderation_request_from_form(const PageContext& context) {
  const auto action = parse_moderation_action(context.field("action"));
  if (!action) return std::nullopt;
  ModerationRequest request;
  request.action = *action;
  request.reason = context.field("reason");
  request.rule = number_field(context, "rule");
  request.mute_hours = number_field(context, "mute_hours").value_or(0);
  return request;
}

std::string_view moderation_done_message(std::string_view action) {
  if (action == "approve") return "Done. The post is published, and any reports on it are closed.";
  if (action == "dismiss") return "The reports are closed. Those who reported will see that it can stay.";
  if (action == "remove") return "The post is removed. Its author can read your explanation.";
  if (action == "warn") return "The warning is sent.";
  if (action == "mute") return "The mute is in place. They can read, but not post, until it ends.";
  if (action == "unmute") return "The mute is lifted.";
  if (action == "ban") return "The ban is in place.";
  if (action == "unban") return "The ban is lifted.";
  if (action == "lock") return "The conversation is locked.";
  if (action == "unlock") return "The conversation is open again.";
  if (action == "escalate") return "Passed to Hearth's platform team.";
  if (action == "note") return "Your note is kept.";
  // A private message (web/pages/messages_moderation_page.cpp).
  if (action == "message-approve") return "Done. The message is delivered, and any reports on it are closed.";
  if (action == "message-dismiss") return "The reports are closed. Those who reported will see that it can stay.";
  if (action == "message-remove") return "The message is removed. Its sender can read your explanation.";
  return "";
}

}  // namespace hearth
