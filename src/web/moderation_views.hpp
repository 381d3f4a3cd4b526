#pragma once
// What the moderation pages share: addresses, a post as moderators see it, report
// summaries, strike histories, notes, and the one form every moderation action uses.
//
// Anonymity: an anonymous post's author is shown as "Anonymous member · Anonymous B" and
// its handle, nothing else; these views never get a persona for it to show.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/html.hpp"
#include "domain/moderation.hpp"
#include "store/filter_flags.hpp"
#include "store/moderation_queue.hpp"
#include "store/moderator_notes.hpp"
#include "store/reports.hpp"
#include "store/sanctions.hpp"
#include "web/page_context.hpp"
#include "web/time_views.hpp"

namespace hearth {

std::string moderation_url(const Group& group, std::string_view rest = {});  // /g/{slug}/moderation{rest}
std::string post_moderation_url(const Group& group, PostId post);
std::string member_moderation_url(const Group& group, PersonaId persona);

// "Rule 2: No medical advice" (or "Rule 9" when the rule is gone).
std::string rule_text(const std::vector<std::string>& rules, int rule);

// The post with its thread, author (or label and handle), state and text.
void post_card_html(Html& h, const Group& group, const moderation_queue::PostCard& post, std::string_view handle,
                    const TimeFormatter& time);
void open_reports_html(Html& h, const reports::OpenItem& item, const std::vector<std::string>& rules,
                       const TimeFormatter& time);
// What the safety filters found in a post: which filter, the entry or kind of detail, the words.
void filter_flags_html(Html& h, const std::vector<filter_flags::Flag>& flags);
void standing_html(Html& h, const sanctions::Standing& standing, const TimeFormatter& time);
void history_html(Html& h, const std::vector<sanctions::Entry>& history, const std::vector<std::string>& rules,
                  const TimeFormatter& time);
void notes_html(Html& h, const std::vector<moderator_notes::Note>& notes, const TimeFormatter& time);

// The actions a moderator may take here, as one no-JavaScript form: a choice of action, the
// explanation, the rule, and how long a mute lasts.
struct ActionFormOptions {
  std::string action_url;
  std::vector<ModerationAction> actions;
  const std::vector<std::string>& rules;
  std::optional<Error> error;  // re-shown with the submitted values
  std::string heading = "What would you like to do?";
};
void moderation_action_form(Html& h, const PageContext& context, const ActionFormOptions& options);
// The submitted form as a request (unknown action: nothing).
std::optional<ModerationRequest> moderation_request_from_form(const PageContext& context);
// "The post is removed." and the like, after an action.
std::string_view moderation_done_message(std::string_view action);

// The rule choice for reports and removals.
void rule_select(Html& h, const std::vector<std::string>& rules, std::string_view name, std::string_view label,
                 std::string_view selected, std::string_view error);

}  // namespace hearth
