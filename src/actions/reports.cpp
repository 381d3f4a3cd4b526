#include "actions/reports.hpp"

#include "actions/conversations.hpp"
#include "actions/rate_limit.hpp"
#include "actions/transaction.hpp"
#include "core/random.hpp"
#include "policy/moderation.hpp"
#include "store/groups.hpp"
#include "store/personas.hpp"
#include "store/reports.hpp"

namespace hearth {
namespace {

constexpr RateRule report_rule{"report-account", reports_per_account_per_hour, int64_t{3600} * 1000};

Error cannot_report() {
  return make_error(ErrorCode::forbidden, "Only people who can read this group can report what's in it.");
}

Result<ReportReceipt> file(const ActionEnvironment& env, Connection& c, reports::NewReport report,
                           const ReportDraft& raw) {
  auto draft = validate_report(raw, groups::rules(c, report.group_id).size());
  if (!draft) return draft.error();
  if (auto ok = count_attempt(env, c, report_rule, std::to_string(report.reporter)); !ok) return ok.error();
  report.id = random_id();
  report.draft = std::move(*draft);
  report.at = env.clock.now();
  return ReportReceipt{!reports::insert_once(c, report)};
}

}  // namespace

Result<ReportReceipt> do_report_post(const ActionEnvironment& env, AccountId reporter, PostId post_id,
                                     const ReportDraft& draft) {
  return write_or_error<ReportReceipt>(env, [&](Connection& c) -> Result<ReportReceipt> {
    auto found = find_post_in(c, post_id, reporter);
    if (!found) return post_not_found();
    const GroupInView& group = found->thread.group;
    if (!can_report(group.group.privacy, group.viewer)) return cannot_report();
    if (found->post.deleted_at) {
      return make_error(ErrorCode::conflict, "This post has been removed, so there is nothing left to report.");
    }
    reports::NewReport report;
    report.group_id = group.group.id;
    report.item = ReportItem::post;
    report.item_id = post_id;
    report.thread_id = found->post.thread_id;
    report.reporter = reporter;
    return file(env, c, std::move(report), draft);
  });
}

Result<ReportReceipt> do_report_persona(const ActionEnvironment& env, AccountId reporter, GroupId group_id,
                                        PersonaId persona, const ReportDraft& draft) {
  return write_or_error<ReportReceipt>(env, [&](Connection& c) -> Result<ReportReceipt> {
    auto group = find_group_in(c, group_id, reporter);
    if (!group) return group_not_found();
    if (!can_report(group->group.privacy, group->viewer)) return cannot_report();
    if (!personas::is_active_in(c, persona, group_id)) {
      return make_error(ErrorCode::not_found, "That person isn't a member of this group.");
    }
    reports::NewReport report;
    report.group_id = group_id;
    report.item = ReportItem::persona;
    report.item_id = persona;
    report.reporter = reporter;
    return file(env, c, std::move(report), draft);
  });
}

}  // namespace hearth
