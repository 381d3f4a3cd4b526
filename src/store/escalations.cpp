#include "store/escalations.hpp"

namespace hearth::escalations {
namespace {

constexpr std::string_view columns =
    "SELECT e.id, e.group_id, g.slug, g.name, e.item_kind, e.item_id, e.thread_id, e.reason, e.created_at,"
    " e.resolved_at, e.resolution FROM escalations e JOIN support_groups g ON g.id = e.group_id";

Escalation to_escalation(const Row& r) {
  Escalation e;
  e.id = r.i64(0);
  e.group_id = r.i64(1);
  e.group_slug = r.text(2);
  e.group_name = r.text(3);
  e.item = r.text(4) == "persona" ? ReportItem::persona : ReportItem::post;
  e.item_id = r.i64(5);
  e.thread_id = r.optional_i64(6);
  e.reason = r.text(7);
  e.created_at = r.i64(8);
  e.resolved_at = r.optional_i64(9);
  e.resolution = r.text(10);
  return e;
}

}  // namespace

void insert(Connection& c, const NewEscalation& e) {
  c.run(
      "INSERT INTO escalations (id, group_id, item_kind, item_id, thread_id, reason, escalated_by, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.id, e.group_id, std::string(report_item_name(e.item)), e.item_id,
       e.thread_id ? SqlValue(*e.thread_id) : SqlValue(nullptr), e.reason, e.escalated_by, e.at});
}

std::vector<Escalation> list(Connection& c, int limit) {
  auto open =
      c.all<Escalation>(std::string(columns).append(" WHERE e.resolved_at IS NULL ORDER BY e.created_at, e.id LIMIT ?"),
                        {int64_t{limit}}, to_escalation);
  auto done = c.all<Escalation>(
      std::string(columns).append(" WHERE e.resolved_at IS NOT NULL ORDER BY e.resolved_at DESC, e.id LIMIT ?"),
      {int64_t{limit}}, to_escalation);
  open.insert(open.end(), done.begin(), done.end());
  return open;
}

std::optional<Escalation> find(Connection& c, int64_t id) {
  return c.first<Escalation>(std::string(columns).append(" WHERE e.id = ?"), {id}, to_escalation);
}

bool resolve(Connection& c, int64_t id, AccountId admin, const std::string& resolution, UnixMillis at) {
  c.run("UPDATE escalations SET resolved_at = ?, resolved_by = ?, resolution = ? WHERE id = ? AND resolved_at IS NULL",
        {at, admin, resolution, id});
  return c.changes() > 0;
}

}  // namespace hearth::escalations
