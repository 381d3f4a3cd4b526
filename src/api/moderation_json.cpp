#include "api/moderation_json.hpp"

#include <boost/json/array.hpp>

#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/thread_json.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

boost::json::value optional_time(const std::optional<UnixMillis>& at) {
  return at ? boost::json::value(format_rfc3339(*at)) : boost::json::value(nullptr);
}

boost::json::value optional_int(const std::optional<int>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

Result<std::optional<int>> rule_field(const boost::json::object& body) {
  auto rule = int_field(body, "rule");
  if (!rule) return rule.error();
  return *rule;
}

}  // namespace

boost::json::object post_card_json(const Group& group, const moderation_queue::PostCard& p) {
  const bool has_author = !p.removed;
  return {
      {"id", std::to_string(p.id)},
      {"thread_id", std::to_string(p.thread_id)},
      {"thread_title", p.thread_title},
      {"opening", p.opening},
      {"thread_locked", p.thread_locked},
      {"author", has_author ? boost::json::value(author_json(p.author, std::nullopt)) : boost::json::value(nullptr)},
      {"body_html", p.body_html},
      {"content_warning", p.content_warning},
      {"created_at", format_rfc3339(p.created_at)},
      {"removed", p.removed},
      {"removed_by_moderator", p.removed_by_moderator},
      {"held", p.held},
      {"held_reason", p.held_reason},
      {"url", "/g/" + group.slug + "/t/" + std::to_string(p.thread_id) + "#post-" + std::to_string(p.id)}};
}

boost::json::object open_reports_json(const reports::OpenItem& item) {
  boost::json::array reasons, rules, notes;
  for (const auto reason : item.reasons) reasons.emplace_back(report_reason_name(reason));
  for (const int rule : item.rules) rules.emplace_back(rule);
  for (const auto& note : item.notes) notes.emplace_back(note);
  return {{"count", item.count},
          {"at_risk", item.at_risk},
          {"reasons", std::move(reasons)},
          {"rules", std::move(rules)},
          {"notes", std::move(notes)},
          {"first_reported_at", item.count > 0 ? optional_time(item.first_at) : boost::json::value(nullptr)}};
}

boost::json::array filter_flags_json(const std::vector<filter_flags::Flag>& flags) {
  boost::json::array items;
  for (const auto& f : flags) {
    items.push_back({{"filter", f.filter},
                     {"action", f.action},
                     {"detail", f.detail},
                     {"words", f.words},
                     {"at_risk", f.at_risk},
                     {"created_at", format_rfc3339(f.created_at)}});
  }
  return items;
}

boost::json::object standing_json(const sanctions::Standing& s) {
  return {{"muted_until", optional_time(s.muted_until)}, {"banned", s.banned}, {"strikes", s.strikes}};
}

boost::json::array history_json(const std::vector<sanctions::Entry>& history) {
  boost::json::array items;
  for (const auto& e : history) {
    items.push_back({{"kind", sanction_kind_name(e.kind)},
                     {"reason", e.reason},
                     {"rule", optional_int(e.rule)},
                     {"ends_at", optional_time(e.ends_at)},
                     {"lifted_at", optional_time(e.lifted_at)},
                     {"created_at", format_rfc3339(e.created_at)},
                     {"post_id", e.post_id ? boost::json::value(std::to_string(*e.post_id)) : nullptr},
                     {"moderator", e.actor_name}});
  }
  return items;
}

boost::json::array notes_json(const std::vector<moderator_notes::Note>& notes) {
  boost::json::array items;
  for (const auto& n : notes) {
    items.push_back({{"body", n.body}, {"moderator", n.author_name}, {"created_at", format_rfc3339(n.created_at)}});
  }
  return items;
}

boost::json::object log_line_json(const moderation_log::Line& line, bool full) {
  boost::json::object json{{"at", format_rfc3339(line.at)}, {"action", line.action}, {"summary", line.public_summary}};
  if (!full) return json;
  json["moderator"] = line.actor_name;
  boost::json::object target{{"kind", line.target_kind}};
  if (line.target_kind == "persona") {
    target["persona"] = persona_ref(line.target_id.value_or(0), line.target_name);
  } else if (line.target_id) {
    target["id"] = std::to_string(*line.target_id);
  }
  if (!line.handle.empty()) target["handle"] = line.handle;
  if (line.thread_id) target["thread_id"] = std::to_string(*line.thread_id);
  json["target"] = std::move(target);
  json["reason"] = line.reason;
  json["rule"] = optional_int(line.rule);
  return json;
}

boost::json::object settings_json(const ModerationSettings& s) {
  return {{"hold_first_posts", s.hold_first_posts},
          {"slow_mode_seconds", s.slow_mode_seconds},
          {"hold_anonymous", s.hold_anonymous}};
}

Result<ModerationRequest> moderation_request_from(const boost::json::object& body) {
  auto action_name = string_field(body, "action", 20, true);
  if (!action_name) return action_name.error();
  const auto action = parse_moderation_action(*action_name);
  if (!action) {
    return make_error(ErrorCode::invalid_input,
                      "\"action\" is one of approve, dismiss, remove, warn, mute, unmute, ban, unban, lock, unlock, "
                      "escalate, note.",
                      "action");
  }
  ModerationRequest request;
  request.action = *action;
  // Explanations may run over several lines: the action checks them.
  if (const auto* reason = body.if_contains("reason"); reason && !reason->is_null()) {
    if (!reason->is_string()) return make_error(ErrorCode::invalid_input, "\"reason\" must be a string.", "reason");
    request.reason = std::string(reason->as_string());
  }
  auto rule = rule_field(body);
  if (!rule) return rule.error();
  request.rule = *rule;
  auto hours = int_field(body, "mute_hours");
  if (!hours) return hours.error();
  request.mute_hours = hours->value_or(0);
  return request;
}

Result<ReportDraft> report_from(const boost::json::object& body) {
  auto reason_name = string_field(body, "reason", 30, true);
  if (!reason_name) return reason_name.error();
  const auto reason = parse_report_reason(*reason_name);
  if (!reason) {
    return make_error(
        ErrorCode::invalid_input,
        "\"reason\" is one of hurtful, misinformation, private_details, at_risk, spam, group_rule, other.", "reason");
  }
  ReportDraft draft;
  draft.reason = *reason;
  auto rule = rule_field(body);
  if (!rule) return rule.error();
  draft.rule = *rule;
  if (const auto* note = body.if_contains("note"); note && !note->is_null()) {
    if (!note->is_string()) return make_error(ErrorCode::invalid_input, "\"note\" must be a string.", "note");
    draft.note = std::string(note->as_string());
  }
  return draft;
}

}  // namespace hearth
