#include "store/reports.hpp"

#include <algorithm>
#include <map>

namespace hearth::reports {
namespace {

ReportItem item_of(std::string_view name) {
  if (name == "message") return ReportItem::message;
  return name == "persona" ? ReportItem::persona : ReportItem::post;
}

void add_report(OpenItem& item, const Row& r) {
  ++item.count;
  const auto reason = parse_report_reason(r.text(3)).value_or(ReportReason::other);
  if (reason == ReportReason::at_risk) item.at_risk = true;
  if (std::find(item.reasons.begin(), item.reasons.end(), reason) == item.reasons.end()) item.reasons.push_back(reason);
  if (!r.is_null(4)) {
    const int rule = static_cast<int>(r.i64(4));
    if (std::find(item.rules.begin(), item.rules.end(), rule) == item.rules.end()) item.rules.push_back(rule);
  }
  if (!r.text(5).empty()) item.notes.push_back(r.text(5));
}

constexpr std::string_view open_columns =
    "SELECT item_kind, item_id, thread_id, reason, rule_number, note, created_at FROM reports";

}  // namespace

bool insert_once(Connection& c, const NewReport& r) {
  c.run(
      "INSERT INTO reports (id, group_id, item_kind, item_id, thread_id, reporter_account_id, reason, rule_number,"
      " note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (reporter_account_id, item_kind, item_id) DO NOTHING",
      {r.id, r.group_id, std::string(report_item_name(r.item)), r.item_id, optional_value(r.thread_id), r.reporter,
       std::string(report_reason_name(r.draft.reason)),
       r.draft.rule ? SqlValue(int64_t{*r.draft.rule}) : SqlValue(nullptr), r.draft.note, r.at});
  return c.changes() > 0;
}

int64_t resolve_item(Connection& c, GroupId group_id, ReportItem item, int64_t item_id, ReportOutcome outcome,
                     UnixMillis at) {
  c.run(
      "UPDATE reports SET resolved_at = ?, outcome = ? WHERE group_id = ? AND item_kind = ? AND item_id = ?"
      " AND resolved_at IS NULL",
      {at, std::string(report_outcome_name(outcome)), group_id, std::string(report_item_name(item)), item_id});
  return c.changes();
}

std::vector<OpenItem> open_items(Connection& c, GroupId group_id, int limit) {
  std::vector<OpenItem> items;
  std::map<std::pair<int, int64_t>, std::size_t> index;
  // Reports arrive oldest first, so each item's first report sets its age.
  c.execute(std::string(open_columns)
                .append(" WHERE group_id = ? AND resolved_at IS NULL ORDER BY created_at, id"
                        " LIMIT 5000"),
            {group_id}, [&](const Row& r) {
              const ReportItem kind = item_of(r.text(0));
              const auto key = std::pair(static_cast<int>(kind), r.i64(1));
              auto found = index.find(key);
              if (found == index.end()) {
                OpenItem item;
                item.item = kind;
                item.item_id = r.i64(1);
                item.thread_id = r.optional_i64(2);
                item.first_at = r.i64(6);
                found = index.emplace(key, items.size()).first;
                items.push_back(std::move(item));
              }
              add_report(items[found->second], r);
            });
  std::stable_sort(items.begin(), items.end(), [](const OpenItem& a, const OpenItem& b) {
    if (a.at_risk != b.at_risk) return a.at_risk;
    return a.first_at < b.first_at;
  });
  if (items.size() > static_cast<std::size_t>(std::max(limit, 0))) items.resize(static_cast<std::size_t>(limit));
  return items;
}

OpenItem open_for(Connection& c, GroupId group_id, ReportItem item, int64_t item_id) {
  OpenItem result;
  result.item = item;
  result.item_id = item_id;
  c.execute(std::string(open_columns)
                .append(" WHERE group_id = ? AND item_kind = ? AND item_id = ? AND resolved_at IS NULL"
                        " ORDER BY created_at, id"),
            {group_id, std::string(report_item_name(item)), item_id}, [&](const Row& r) {
              if (result.count == 0) {
                result.first_at = r.i64(6);
                result.thread_id = r.optional_i64(2);
              }
              add_report(result, r);
            });
  return result;
}

std::vector<MyReport> of_reporter(Connection& c, AccountId reporter, int limit) {
  return c.all<MyReport>(
      "SELECT r.id, g.slug, g.name, r.item_kind, r.item_id, r.thread_id, r.reason, r.rule_number, r.created_at,"
      " r.outcome, r.resolved_at, g.privacy, m.status FROM reports r JOIN support_groups g ON g.id = r.group_id"
      " LEFT JOIN memberships m ON m.group_id = r.group_id AND m.account_id = r.reporter_account_id"
      " WHERE r.reporter_account_id = ? ORDER BY r.created_at DESC, r.id DESC LIMIT ?",
      {reporter, int64_t{limit}}, [](const Row& r) {
        MyReport m;
        m.id = r.i64(0);
        m.group_slug = r.text(1);
        m.group_name = r.text(2);
        m.item = item_of(r.text(3));
        m.item_id = r.i64(4);
        m.thread_id = r.optional_i64(5);
        m.reason = parse_report_reason(r.text(6)).value_or(ReportReason::other);
        if (!r.is_null(7)) m.rule = static_cast<int>(r.i64(7));
        m.created_at = r.i64(8);
        m.outcome = parse_report_outcome(r.text(9)).value_or(ReportOutcome::open);
        m.resolved_at = r.optional_i64(10);
        m.privacy = parse_privacy(r.text(11)).value_or(Privacy::hidden_group);
        if (!r.is_null(12)) m.membership = parse_membership_status(r.text(12));
        return m;
      });
}

std::optional<int64_t> median_ms_to_decision(Connection& c, GroupId group_id, UnixMillis since) {
  std::vector<int64_t> waits = c.all<int64_t>(
      "SELECT resolved_at - created_at FROM reports WHERE group_id = ? AND resolved_at IS NOT NULL AND resolved_at >= ?"
      " ORDER BY 1",
      {group_id, since}, [](const Row& r) { return r.i64(0); });
  if (waits.empty()) return std::nullopt;
  const std::size_t middle = waits.size() / 2;
  if (waits.size() % 2 == 1) return waits[middle];
  return (waits[middle - 1] + waits[middle]) / 2;
}

}  // namespace hearth::reports
