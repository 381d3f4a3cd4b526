#pragma once
// Members report posts, replies and personas to the group's moderators. Anyone logged in
// who may read the item can report it; reporting the same item again changes nothing (the
// first report stands); reports are rate-limited per account. Moderators never learn who
// reported.
#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "domain/moderation.hpp"

namespace hearth {

struct ReportReceipt {
  bool already_reported = false;  // this member had reported it before: nothing new was stored
};

inline constexpr int64_t reports_per_account_per_hour = 30;

Result<ReportReceipt> do_report_post(const ActionEnvironment& env, AccountId reporter, PostId post_id,
                                     const ReportDraft& draft);
Result<ReportReceipt> do_report_persona(const ActionEnvironment& env, AccountId reporter, GroupId group_id,
                                        PersonaId persona, const ReportDraft& draft);

}  // namespace hearth
