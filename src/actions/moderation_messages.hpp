#pragma once
// Private messages and the group's moderators (docs/messages.md). A moderator sees a private
// message only while one of its two participants has an open report on it, or a safety filter
// held or flagged it (policy/messaging.hpp); then they may approve a held message (it reaches
// the recipient), dismiss the reports and flags, or remove it with an explanation (the
// recipient sees "removed by a moderator", the sender gets a strike). Warning, muting or
// banning the sender goes through their persona, with the existing member actions.
//
// Reports come only from the two participants; the report does not say which one, though
// moderators can often tell from the message itself.
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/group_lookup.hpp"
#include "actions/reports.hpp"
#include "core/result.hpp"
#include "domain/moderation.hpp"
#include "store/messages.hpp"
#include "store/reports.hpp"

namespace hearth {

// The message as one of the participants may report it (delivered to them, or their own, and
// not removed); "not found" for anyone else.
Result<messages::Message> read_reportable_message(const ActionEnvironment& env, AccountId reporter,
                                                  messages::MessageId message_id);
Result<ReportReceipt> do_report_message(const ActionEnvironment& env, AccountId reporter,
                                        messages::MessageId message_id, const ReportDraft& draft);

struct MessageModerationView {
  GroupInView group;
  std::vector<std::string> rules;
  messages::QueueCard card;
  reports::OpenItem reports;
};
// "Not found" for a message the moderator may not see (the same words as for none at all).
Result<MessageModerationView> read_message_moderation(const ActionEnvironment& env, AccountId moderator,
                                                      GroupId group_id, messages::MessageId message_id);

// approve (a held message), dismiss (reports and flags), remove (with an explanation).
Status do_moderate_message(const ActionEnvironment& env, AccountId moderator, GroupId group_id,
                           messages::MessageId message_id, const ModerationRequest& request);

}  // namespace hearth
