#include "store/sanctions.hpp"

#include <fmt/format.h>

namespace hearth::sanctions {
namespace {

// "persona_id = ?" or "handle = ?" (with persona_id NULL): one subject, never an account.
std::string subject_filter(const Subject& subject, std::vector<SqlValue>& params, std::string_view table) {
  if (subject.persona_id) {
    params.emplace_back(*subject.persona_id);
    return std::string(table) + ".persona_id = ?";
  }
  params.emplace_back(subject.handle);
  return std::string(table) + ".persona_id IS NULL AND " + std::string(table) + ".handle = ?";
}

std::optional<int> optional_int(const Row& r, int column) {
  return r.is_null(column) ? std::nullopt : std::optional<int>(static_cast<int>(r.i64(column)));
}

}  // namespace

void insert(Connection& c, const NewSanction& s) {
  c.run(
      "INSERT INTO member_sanctions (id, group_id, account_id, persona_id, handle, post_id, thread_id, kind, reason,"
      " rule_number, ends_at, actor_account_id, created_at, applied) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {s.id, s.group_id, s.account_id, optional_value(s.subject.persona_id),
       s.subject.persona_id ? std::string() : s.subject.handle, optional_value(s.post_id), optional_value(s.thread_id),
       std::string(sanction_kind_name(s.kind)), s.reason, s.rule ? SqlValue(int64_t{*s.rule}) : SqlValue(nullptr),
       optional_value(s.ends_at), s.actor, s.at, int64_t{s.applied}});
}

std::vector<Entry> history(Connection& c, GroupId group_id, const Subject& subject) {
  std::vector<SqlValue> params{group_id};
  const std::string filter = subject_filter(subject, params, "s");
  return c.all<Entry>(
      "SELECT s.id, s.kind, s.reason, s.rule_number, s.ends_at, s.lifted_at, s.created_at, s.post_id, s.thread_id,"
      " COALESCE(ap.name, '') FROM member_sanctions s"
      " LEFT JOIN memberships am ON am.group_id = s.group_id AND am.account_id = s.actor_account_id"
      " LEFT JOIN personas ap ON ap.id = am.persona_id"
      " WHERE s.group_id = ? AND " +
          filter + " ORDER BY s.created_at DESC, s.id DESC LIMIT 200",
      params, [](const Row& r) {
        return Entry{r.i64(0),          parse_sanction_kind(r.text(1)).value_or(SanctionKind::warning),
                     r.text(2),         optional_int(r, 3),
                     r.optional_i64(4), r.optional_i64(5),
                     r.i64(6),          r.optional_i64(7),
                     r.optional_i64(8), r.text(9)};
      });
}

Standing standing(const std::vector<Entry>& history, UnixMillis now) {
  Standing s;
  for (const Entry& e : history) {
    if (e.kind == SanctionKind::warning || e.kind == SanctionKind::removal) ++s.strikes;
    if (e.lifted_at) continue;
    if (e.kind == SanctionKind::ban) s.banned = true;
    if (e.kind == SanctionKind::mute && e.ends_at && *e.ends_at > now &&
        (!s.muted_until || *e.ends_at > *s.muted_until)) {
      s.muted_until = e.ends_at;
    }
  }
  return s;
}

std::optional<Mute> active_mute(Connection& c, GroupId group_id, AccountId account, UnixMillis now) {
  return c.first<Mute>(
      "SELECT ends_at, reason FROM member_sanctions WHERE group_id = ? AND account_id = ? AND kind = 'mute'"
      " AND applied = 1 AND lifted_at IS NULL AND ends_at > ? ORDER BY ends_at DESC LIMIT 1",
      {group_id, account, now}, [](const Row& r) {
        return Mute{r.i64(0), r.text(1)};
      });
}

std::vector<AccountId> lift(Connection& c, GroupId group_id, const Subject& subject, SanctionKind kind,
                            UnixMillis now) {
  std::vector<SqlValue> params{group_id, std::string(sanction_kind_name(kind)), now};
  const std::string where =
      "WHERE group_id = ? AND kind = ? AND lifted_at IS NULL AND (ends_at IS NULL OR ends_at > ?)"
      " AND " +
      subject_filter(subject, params, "member_sanctions");
  auto accounts = c.all<AccountId>("SELECT DISTINCT account_id FROM member_sanctions " + where, params,
                                   [](const Row& r) { return r.i64(0); });
  std::vector<SqlValue> update{now};
  update.insert(update.end(), params.begin(), params.end());
  c.run("UPDATE member_sanctions SET lifted_at = ? " + where, update);
  return accounts;
}

bool banned_in(Connection& c, GroupId group_id, AccountId account) {
  return c.first_i64("SELECT 1 WHERE " + ban_in_force_sql("?", "?"), {group_id, account}).has_value();
}

std::string ban_in_force_sql(std::string_view group_column, std::string_view account_column) {
  return fmt::format(
      "EXISTS (SELECT 1 FROM member_sanctions bs WHERE bs.group_id = {} AND bs.account_id = {} AND bs.kind = 'ban'"
      " AND bs.applied = 1 AND bs.lifted_at IS NULL)",
      group_column, account_column);
}

bool banned_by_persona_in(Connection& c, GroupId group_id, AccountId account) {
  return c
      .first_i64(
          "SELECT 1 FROM member_sanctions WHERE group_id = ? AND account_id = ? AND kind = 'ban' AND applied = 1"
          " AND lifted_at IS NULL AND persona_id IS NOT NULL LIMIT 1",
          {group_id, account})
      .has_value();
}

std::vector<InForce> in_force(Connection& c, GroupId group_id, UnixMillis now, int limit) {
  return c.all<InForce>(
      "SELECT s.kind, s.persona_id, s.handle, COALESCE(p.name, ''), s.reason, s.ends_at, s.created_at"
      " FROM member_sanctions s LEFT JOIN personas p ON p.id = s.persona_id"
      " WHERE s.group_id = ? AND s.lifted_at IS NULL"
      " AND (s.kind = 'ban' OR (s.kind = 'mute' AND s.ends_at > ?))"
      " ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
      {group_id, now, int64_t{limit}}, [](const Row& r) {
        InForce f;
        f.kind = parse_sanction_kind(r.text(0)).value_or(SanctionKind::ban);
        if (!r.is_null(1)) {
          f.subject.persona_id = r.i64(1);
          f.persona_name = r.text(3);
        } else {
          f.subject.handle = r.text(2);
        }
        f.reason = r.text(4);
        f.ends_at = r.optional_i64(5);
        f.created_at = r.i64(6);
        return f;
      });
}

std::vector<Notice> notices_for(Connection& c, AccountId account, int limit) {
  return c.all<Notice>(
      "SELECT g.slug, g.name, s.kind, s.reason, s.rule_number, s.ends_at, s.lifted_at, s.created_at, s.post_id,"
      " s.thread_id, CASE WHEN s.persona_id IS NULL THEN 1 ELSE 0 END, g.privacy, m.status"
      " FROM member_sanctions s JOIN support_groups g ON g.id = s.group_id"
      " LEFT JOIN memberships m ON m.group_id = s.group_id AND m.account_id = s.account_id"
      " WHERE s.account_id = ? AND s.applied = 1 ORDER BY s.created_at DESC, s.id DESC LIMIT ?",
      {account, int64_t{limit}}, [](const Row& r) {
        Notice n;
        n.group_slug = r.text(0);
        n.group_name = r.text(1);
        n.kind = parse_sanction_kind(r.text(2)).value_or(SanctionKind::warning);
        n.reason = r.text(3);
        n.rule = optional_int(r, 4);
        n.ends_at = r.optional_i64(5);
        n.lifted_at = r.optional_i64(6);
        n.created_at = r.i64(7);
        n.post_id = r.optional_i64(8);
        n.thread_id = r.optional_i64(9);
        n.about_anonymous_post = r.i64(10) != 0;
        n.privacy = parse_privacy(r.text(11)).value_or(Privacy::hidden_group);
        if (!r.is_null(12)) n.membership = parse_membership_status(r.text(12));
        return n;
      });
}

}  // namespace hearth::sanctions
