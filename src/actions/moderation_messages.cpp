#include "actions/moderation_messages.hpp"

#include "actions/change_feed.hpp"
#include "actions/moderation_steps.hpp"
#include "actions/rate_limit.hpp"
#include "actions/transaction.hpp"
#include "core/random.hpp"
#include "policy/messaging.hpp"
#include "policy/moderation.hpp"
#include "store/groups.hpp"

namespace hearth {
namespace {

// The same bucket as every other report (actions/reports.cpp).
constexpr RateRule report_rule{"report-account", reports_per_account_per_hour, int64_t{3600} * 1000};

Error message_not_found() {
  return make_error(ErrorCode::not_found, "We couldn't find that message.");
}

Error nothing_to_do(std::string message) {
  return make_error(ErrorCode::conflict, std::move(message));
}

// The group, if the viewer moderates it; "not found" for a group they may not read.
Result<GroupInView> moderated_group(Connection& c, GroupId group_id, AccountId moderator) {
  auto group = find_group_in(c, group_id, moderator);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
  if (!can_moderate(group->viewer)) return make_error(ErrorCode::forbidden, "Only the group's moderators can see this.");
  return std::move(*group);
}

// The message as a moderator may see it, or "not found".
Result<messages::QueueCard> visible_card(Connection& c, GroupId group_id, messages::MessageId id,
                                         reports::OpenItem& open) {
  auto card = messages::queue_card(c, group_id, id);
  if (!card || card->message.deleted_at) return message_not_found();
  open = reports::open_for(c, group_id, ReportItem::message, id);
  const bool held_or_flagged = card->message.held_at || card->message.flag_open;
  if (!moderator_may_see_message(true, open.count > 0, held_or_flagged)) return message_not_found();
  return std::move(*card);
}

// Whom a removal's strike and the log line are about: the sender's persona in the group.
ModerationTarget sender_target(Connection& c, const messages::Message& m) {
  if (auto target = persona_target(c, m.group_id, m.sender_persona_id)) return std::move(*target);
  ModerationTarget target;
  target.group_id = m.group_id;
  target.account = m.sender_account_id;
  target.subject.persona_id = m.sender_persona_id;
  return target;
}

int64_t close_reports(moderation_steps::Scene& s, const messages::Message& m, ReportOutcome outcome) {
  const bool had_flag = m.flag_open;
  messages::close_flag(s.c, m.id);
  return reports::resolve_item(s.c, s.group.group.id, ReportItem::message, m.id, outcome, s.now) + (had_flag ? 1 : 0);
}

// `delivered_to`: the account an approved message reached, whose live count is told after the commit.
Status act(moderation_steps::Scene& s, const messages::Message& m, const ModerationRequest& r,
           AccountId& delivered_to) {
  switch (r.action) {
    case ModerationAction::approve: {
      if (!m.held_at) return nothing_to_do("This message isn't waiting for a moderator.");
      messages::release_hold(s.c, m.id);
      auto other = messages::other_participant(s.c, m.conversation_id, m.sender_account_id);
      delivered_to = other ? other->account_id : 0;
      messages::deliver(s.c, m.conversation_id, m.sender_account_id, delivered_to, s.now);
      close_reports(s, m, ReportOutcome::no_action);
      moderation_steps::log(s, "message.approved", false, "", r);
      return success();
    }
    case ModerationAction::dismiss: {
      if (m.held_at) return nothing_to_do("This message is waiting for you: approve it or remove it.");
      if (close_reports(s, m, ReportOutcome::no_action) == 0) {
        return nothing_to_do("There are no open reports on this to dismiss.");
      }
      moderation_steps::log(s, "message.reports_dismissed", false, "", r);
      return success();
    }
    case ModerationAction::remove: {
      messages::mark_removed_by_moderator(s.c, m.id, s.now, r.reason);
      moderation_steps::removal_strike(s, r);
      reports::resolve_item(s.c, s.group.group.id, ReportItem::message, m.id, ReportOutcome::removed, s.now);
      // Moderators only: the public log never mentions private messages.
      moderation_steps::log(s, "message.removed", false, "", r);
      return success();
    }
    default:
      return make_error(ErrorCode::invalid_input,
                        "For a private message you can approve, dismiss or remove it. To warn, mute or ban its "
                        "sender, open their page in the moderation tools.",
                        "action");
  }
}

// Only the two participants, and only what they can see (a held message is its sender's).
Result<messages::Message> reportable(Connection& c, AccountId reporter, messages::MessageId message_id) {
  auto message = messages::find_message(c, message_id);
  if (!message) return message_not_found();
  auto mine = messages::participant(c, message->conversation_id, reporter);
  auto group = find_group_in(c, message->group_id, reporter);
  if (!mine || !group || !is_active_member(group->viewer)) return message_not_found();
  if (message->held_at && message->sender_account_id != reporter) return message_not_found();
  if (message->deleted_at) {
    return make_error(ErrorCode::conflict, "This message has been removed, so there is nothing left to report.");
  }
  return std::move(*message);
}

}  // namespace

Result<messages::Message> read_reportable_message(const ActionEnvironment& env, AccountId reporter,
                                                  messages::MessageId message_id) {
  return env.store.read([&](Connection& c) { return reportable(c, reporter, message_id); });
}

Result<ReportReceipt> do_report_message(const ActionEnvironment& env, AccountId reporter,
                                        messages::MessageId message_id, const ReportDraft& raw) {
  return write_or_error<ReportReceipt>(env, [&](Connection& c) -> Result<ReportReceipt> {
    auto message = reportable(c, reporter, message_id);
    if (!message) return message.error();
    auto draft = validate_report(raw, groups::rules(c, message->group_id).size());
    if (!draft) return draft.error();
    if (auto ok = count_attempt(env, c, report_rule, std::to_string(reporter)); !ok) return ok.error();
    reports::NewReport report;
    report.id = random_id();
    report.group_id = message->group_id;
    report.item = ReportItem::message;
    report.item_id = message_id;
    report.reporter = reporter;
    report.draft = std::move(*draft);
    report.at = env.clock.now();
    return ReportReceipt{!reports::insert_once(c, report)};
  });
}

Result<MessageModerationView> read_message_moderation(const ActionEnvironment& env, AccountId moderator,
                                                      GroupId group_id, messages::MessageId message_id) {
  return env.store.read([&](Connection& c) -> Result<MessageModerationView> {
    auto group = moderated_group(c, group_id, moderator);
    if (!group) return group.error();
    reports::OpenItem open;
    auto card = visible_card(c, group_id, message_id, open);
    if (!card) return card.error();
    return MessageModerationView{std::move(*group), groups::rules(c, group_id), std::move(*card), std::move(open)};
  });
}

Status do_moderate_message(const ActionEnvironment& env, AccountId moderator, GroupId group_id,
                           messages::MessageId message_id, const ModerationRequest& raw) {
  AccountId delivered_to = 0;
  auto done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto group = moderated_group(c, group_id, moderator);
    if (!group) return group.error();
    reports::OpenItem open;
    auto card = visible_card(c, group_id, message_id, open);
    if (!card) return card.error();
    std::vector<std::string> rules = groups::rules(c, group_id);
    auto request = validate_moderation_request(raw, rules.size());
    if (!request) return request.error();
    moderation_steps::Scene s{env,
                              c,
                              moderator,
                              std::move(*group),
                              std::move(rules),
                              env.clock.now(),
                              sender_target(c, card->message),
                              std::nullopt,
                              ReportItem::message,
                              message_id};
    return act(s, card->message, *request, delivered_to);
  });
  if (done && delivered_to != 0) env.changes->account_changed(delivered_to);
  return done;
}

}  // namespace hearth
