#include "domain/moderation.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace hearth {
namespace {

// Trimmed, valid UTF-8 without control characters (newlines allowed), at most `max` code points.
Result<std::string> clean_text(std::string_view raw, std::size_t max, std::string_view what, std::string field) {
  std::string text(trim(raw));
  if (!is_valid_utf8(text) || has_control_characters(text)) {
    return make_error(ErrorCode::invalid_input, fmt::format("The {} contains characters we can't use.", what), field);
  }
  if (utf8_length(text) > max) {
    return make_error(ErrorCode::invalid_input, fmt::format("The {} can have at most {} characters.", what, max),
                      field);
  }
  return text;
}

bool needs_words(ModerationAction action) {
  switch (action) {
    case ModerationAction::remove:
    case ModerationAction::warn:
    case ModerationAction::mute:
    case ModerationAction::ban:
    case ModerationAction::escalate:
    case ModerationAction::note:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string_view report_reason_name(ReportReason reason) {
  switch (reason) {
    case ReportReason::hurtful:
      return "hurtful";
    case ReportReason::misinformation:
      return "misinformation";
    case ReportReason::private_details:
      return "private_details";
    case ReportReason::at_risk:
      return "at_risk";
    case ReportReason::spam:
      return "spam";
    case ReportReason::group_rule:
      return "group_rule";
    case ReportReason::other:
      return "other";
  }
  return "other";
}

std::string_view report_reason_label(ReportReason reason) {
  switch (reason) {
    case ReportReason::hurtful:
      return "Hurtful or harassing";
    case ReportReason::misinformation:
      return "Misinformation";
    case ReportReason::private_details:
      return "Someone else's private details";
    case ReportReason::at_risk:
      return "Someone may be at risk";
    case ReportReason::spam:
      return "Spam";
    case ReportReason::group_rule:
      return "Breaks a group rule";
    case ReportReason::other:
      return "Something else";
  }
  return "Something else";
}

std::optional<ReportReason> parse_report_reason(std::string_view name) {
  for (const ReportReason reason : all_report_reasons) {
    if (report_reason_name(reason) == name) return reason;
  }
  return std::nullopt;
}

std::string_view report_item_name(ReportItem item) {
  if (item == ReportItem::message) return "message";
  return item == ReportItem::post ? "post" : "persona";
}

std::string_view report_outcome_name(ReportOutcome outcome) {
  switch (outcome) {
    case ReportOutcome::open:
      return "open";
    case ReportOutcome::removed:
      return "removed";
    case ReportOutcome::action_taken:
      return "action_taken";
    case ReportOutcome::no_action:
      return "no_action";
    case ReportOutcome::escalated:
      return "escalated";
  }
  return "open";
}

std::optional<ReportOutcome> parse_report_outcome(std::string_view name) {
  if (name.empty() || name == "open") return ReportOutcome::open;
  for (const ReportOutcome o :
       {ReportOutcome::removed, ReportOutcome::action_taken, ReportOutcome::no_action, ReportOutcome::escalated}) {
    if (report_outcome_name(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view report_outcome_label(ReportOutcome outcome) {
  switch (outcome) {
    case ReportOutcome::open:
      return "Received. A moderator will look at it.";
    case ReportOutcome::removed:
      return "A moderator looked at it and removed it.";
    case ReportOutcome::action_taken:
      return "A moderator looked at it and took action.";
    case ReportOutcome::no_action:
      return "A moderator looked at it and decided it can stay.";
    case ReportOutcome::escalated:
      return "A moderator passed it on to Hearth's platform team.";
  }
  return "";
}

Result<ReportDraft> validate_report(ReportDraft draft, std::size_t rule_count) {
  auto note = clean_text(draft.note, max_report_note_length, "note", "note");
  if (!note) return note.error();
  draft.note = std::move(*note);
  if (draft.reason == ReportReason::group_rule) {
    if (rule_count == 0) {
      return make_error(ErrorCode::invalid_input, "This group has no written rules. Please choose another reason.",
                        "reason");
    }
    if (!draft.rule || *draft.rule < 1 || static_cast<std::size_t>(*draft.rule) > rule_count) {
      return make_error(ErrorCode::invalid_input, "Please choose which of the group's rules it breaks.", "rule");
    }
  } else {
    draft.rule.reset();
  }
  return draft;
}

std::string_view moderation_action_name(ModerationAction action) {
  switch (action) {
    case ModerationAction::approve:
      return "approve";
    case ModerationAction::dismiss:
      return "dismiss";
    case ModerationAction::remove:
      return "remove";
    case ModerationAction::warn:
      return "warn";
    case ModerationAction::mute:
      return "mute";
    case ModerationAction::unmute:
      return "unmute";
    case ModerationAction::ban:
      return "ban";
    case ModerationAction::unban:
      return "unban";
    case ModerationAction::lock:
      return "lock";
    case ModerationAction::unlock:
      return "unlock";
    case ModerationAction::escalate:
      return "escalate";
    case ModerationAction::note:
      return "note";
  }
  return "dismiss";
}

std::optional<ModerationAction> parse_moderation_action(std::string_view name) {
  for (int i = 0; i <= static_cast<int>(ModerationAction::note); ++i) {
    const auto action = static_cast<ModerationAction>(i);
    if (moderation_action_name(action) == name) return action;
  }
  return std::nullopt;
}

Result<ModerationRequest> validate_moderation_request(ModerationRequest request, std::size_t rule_count) {
  auto reason = clean_text(request.reason, max_moderation_reason_length, "explanation", "reason");
  if (!reason) return reason.error();
  request.reason = std::move(*reason);
  if (needs_words(request.action) && request.reason.empty()) {
    const char* message = request.action == ModerationAction::note ? "Please write the note."
                          : request.action == ModerationAction::escalate
                              ? "Please tell the platform team what they should look at."
                              : "Please write a short explanation. The member will see it.";
    return make_error(ErrorCode::invalid_input, message, "reason");
  }
  if (request.rule && (*request.rule < 1 || static_cast<std::size_t>(*request.rule) > rule_count)) {
    return make_error(ErrorCode::invalid_input, "Please choose one of the group's rules, or none.", "rule");
  }
  if (request.action == ModerationAction::mute) {
    if (request.mute_hours < 1 || request.mute_hours > max_mute_hours) {
      return make_error(ErrorCode::invalid_input, "Please choose how long the mute lasts (up to 90 days).",
                        "mute_hours");
    }
  } else {
    request.mute_hours = 0;
  }
  return request;
}

std::string_view sanction_kind_name(SanctionKind kind) {
  switch (kind) {
    case SanctionKind::warning:
      return "warning";
    case SanctionKind::removal:
      return "removal";
    case SanctionKind::mute:
      return "mute";
    case SanctionKind::ban:
      return "ban";
  }
  return "warning";
}

std::optional<SanctionKind> parse_sanction_kind(std::string_view name) {
  for (const SanctionKind kind :
       {SanctionKind::warning, SanctionKind::removal, SanctionKind::mute, SanctionKind::ban}) {
    if (sanction_kind_name(kind) == name) return kind;
  }
  return std::nullopt;
}

std::string_view sanction_label(SanctionKind kind) {
  switch (kind) {
    case SanctionKind::warning:
      return "Warning";
    case SanctionKind::removal:
      return "Post removed";
    case SanctionKind::mute:
      return "Muted";
    case SanctionKind::ban:
      return "Banned";
  }
  return "";
}

Status validate_moderation_settings(const ModerationSettings& s) {
  if (s.hold_first_posts < 0 || s.hold_first_posts > max_hold_first_posts) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("New members' first posts: choose a number from 0 to {}.", max_hold_first_posts),
                      "hold_first_posts");
  }
  if (s.slow_mode_seconds < 0 || s.slow_mode_seconds > max_slow_mode_seconds) {
    return make_error(ErrorCode::invalid_input, "Slow mode can be at most one day between posts.", "slow_mode_seconds");
  }
  return success();
}

std::string_view hold_reason_name(HoldReason reason) {
  switch (reason) {
    case HoldReason::none:
      return "";
    case HoldReason::new_member:
      return "new_member";
    case HoldReason::anonymous:
      return "anonymous";
    case HoldReason::filter:
      return "filter";
    case HoldReason::third_party:
      return "third_party";
  }
  return "";
}

std::string_view hold_reason_label(std::string_view name) {
  if (name == "new_member") return "One of a new member's first posts";
  if (name == "anonymous") return "Anonymous posts wait for approval in this group";
  if (name == "filter") return "Held by the group's word filter";
  if (name == "third_party") return "It may include someone else's details, and this group is strict about them";
  if (name.empty()) return "";
  return "Held for review";
}

std::string describe_duration(int64_t seconds) {
  const auto unit = [](int64_t n, std::string_view one) { return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s"); };
  if (seconds < 60) return unit(std::max<int64_t>(seconds, 1), "second");
  const int64_t minutes = (seconds + 59) / 60;
  if (minutes < 60) return unit(minutes, "minute");
  const int64_t hours = minutes / 60;
  if (hours < 48) {
    const int64_t rest = minutes % 60;
    return rest == 0 ? unit(hours, "hour") : unit(hours, "hour") + " " + unit(rest, "minute");
  }
  return unit((hours + 23) / 24, "day");
}

}  // namespace hearth
