#pragma once
// Moderation's plain types: why members report, what moderators can do, a group's
// moderation settings, and the limits a person is told about.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hearth {

// Why a member reports a post or a persona.
enum class ReportReason { hurtful, misinformation, private_details, at_risk, spam, group_rule, other };
inline constexpr ReportReason all_report_reasons[] = {
    ReportReason::at_risk, ReportReason::hurtful,    ReportReason::misinformation, ReportReason::private_details,
    ReportReason::spam,    ReportReason::group_rule, ReportReason::other};
std::string_view report_reason_name(ReportReason reason);   // "hurtful", "at_risk", …
std::string_view report_reason_label(ReportReason reason);  // "Hurtful or harassing", …
std::optional<ReportReason> parse_report_reason(std::string_view name);

enum class ReportItem { post, persona, message };  // message: a private message (docs/messages.md)
std::string_view report_item_name(ReportItem item);  // "post", "persona", "message"

// What a report came to, as the reporter is told.
enum class ReportOutcome { open, removed, action_taken, no_action, escalated };
std::string_view report_outcome_name(ReportOutcome outcome);               // "open", "removed", …
std::optional<ReportOutcome> parse_report_outcome(std::string_view name);  // "" → open
std::string_view report_outcome_label(ReportOutcome outcome);

struct ReportDraft {
  ReportReason reason = ReportReason::other;
  std::optional<int> rule;  // 1-based, for group_rule
  std::string note;
};
inline constexpr std::size_t max_report_note_length = 1000;
// Trims the note; a group_rule report must name one of the group's `rule_count` rules.
Result<ReportDraft> validate_report(ReportDraft draft, std::size_t rule_count);

// What moderators can do to a post, its author or a member.
enum class ModerationAction { approve, dismiss, remove, warn, mute, unmute, ban, unban, lock, unlock, escalate, note };
std::string_view moderation_action_name(ModerationAction action);  // "approve", "remove", …
std::optional<ModerationAction> parse_moderation_action(std::string_view name);

struct ModerationRequest {
  ModerationAction action = ModerationAction::dismiss;
  std::string reason;       // the explanation (shown to the author), the note, or what the admins should know
  std::optional<int> rule;  // 1-based: the group rule it broke
  int64_t mute_hours = 0;   // mute only
};
inline constexpr std::size_t max_moderation_reason_length = 1000;
inline constexpr int64_t max_mute_hours = 24 * 90;
// Trims and checks a request: removals, warnings, mutes, bans, escalations and notes need
// words; a mute needs a duration; a rule must be one of the group's.
Result<ModerationRequest> validate_moderation_request(ModerationRequest request, std::size_t rule_count);

// Strikes: what a member was given.
enum class SanctionKind { warning, removal, mute, ban };
std::string_view sanction_kind_name(SanctionKind kind);
std::optional<SanctionKind> parse_sanction_kind(std::string_view name);
std::string_view sanction_label(SanctionKind kind);  // "Warning", "Post removed", "Muted", "Banned"

// A group's moderation settings (everything off by default).
struct ModerationSettings {
  int hold_first_posts = 0;     // a new member's first N posts wait for a moderator
  int slow_mode_seconds = 0;    // at least this long between one member's posts
  bool hold_anonymous = false;  // anonymous posts wait for a moderator ("on, with approval")
};
inline constexpr int max_hold_first_posts = 20;
inline constexpr int max_slow_mode_seconds = 24 * 3600;
Status validate_moderation_settings(const ModerationSettings& settings);

// Why a post waits for a moderator.
enum class HoldReason { none, new_member, anonymous, filter, third_party };
// "", "new_member", "anonymous", "filter" (a watched word), "third_party" (someone else's
// details, in a group that is strict about them)
std::string_view hold_reason_name(HoldReason reason);
std::string_view hold_reason_label(std::string_view name);  // "First posts of a new member", …

// "3 hours", "2 days", "1 hour 30 minutes": a duration for people.
std::string describe_duration(int64_t seconds);

}  // namespace hearth
