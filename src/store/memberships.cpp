#include "store/memberships.hpp"

#include "store/sanctions.hpp"

namespace hearth::memberships {
namespace {

Membership to_membership(const Row& r) {
  Membership m;
  m.group_id = r.i64(0);
  m.account_id = r.i64(1);
  m.persona_id = r.i64(2);
  m.role = parse_role(r.text(3)).value_or(Role::member);
  m.trained_volunteer = r.i64(4) != 0;
  m.status = parse_membership_status(r.text(5)).value_or(MembershipStatus::pending);
  m.decision_reason = r.text(6);
  m.requested_at = r.i64(7);
  m.joined_at = r.optional_i64(8);
  return m;
}

}  // namespace

void insert(Connection& c, const Membership& m, const std::string& persona_key, const std::string& answers) {
  c.run(
      "INSERT INTO memberships (group_id, account_id, persona_id, persona_key, role, trained_volunteer, status,"
      " answers, decision_reason, requested_at, joined_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {m.group_id, m.account_id, m.persona_id, persona_key, std::string(role_name(m.role)),
       int64_t{m.trained_volunteer}, std::string(membership_status_name(m.status)), answers, m.decision_reason,
       m.requested_at, m.joined_at ? SqlValue(*m.joined_at) : SqlValue(nullptr)});
}

std::optional<Membership> find(Connection& c, GroupId group_id, AccountId account_id) {
  return c.first<Membership>(
      "SELECT group_id, account_id, persona_id, role, trained_volunteer, status, decision_reason, requested_at,"
      " joined_at FROM memberships WHERE group_id = ? AND account_id = ?",
      {group_id, account_id}, to_membership);
}

std::optional<Membership> find_own(Connection& c, GroupId group_id, AccountId account_id) {
  auto m = find(c, group_id, account_id);
  if (m && m->status == MembershipStatus::banned) return m;
  if (!sanctions::banned_in(c, group_id, account_id)) return m;
  if (!m) m = Membership{group_id, account_id, 0, Role::member, false, MembershipStatus::banned, "", 0, std::nullopt};
  m->status = MembershipStatus::banned;
  return m;
}

bool persona_name_taken(Connection& c, GroupId group_id, const std::string& key, PersonaId except_persona) {
  return c.first_i64("SELECT 1 FROM memberships WHERE group_id = ? AND persona_key = ? AND persona_id <> ?",
                     {group_id, key, except_persona})
      .has_value();
}

void set_status(Connection& c, GroupId group_id, AccountId account_id, MembershipStatus status,
                const std::string& reason, std::optional<UnixMillis> joined_at) {
  c.run("UPDATE memberships SET status = ?, decision_reason = ?, joined_at = ? WHERE group_id = ? AND account_id = ?",
        {std::string(membership_status_name(status)), reason, joined_at ? SqlValue(*joined_at) : SqlValue(nullptr),
         group_id, account_id});
}

void set_role(Connection& c, GroupId group_id, AccountId account_id, Role role) {
  c.run("UPDATE memberships SET role = ? WHERE group_id = ? AND account_id = ?",
        {std::string(role_name(role)), group_id, account_id});
}

void set_volunteer(Connection& c, GroupId group_id, AccountId account_id, bool volunteer) {
  c.run("UPDATE memberships SET trained_volunteer = ? WHERE group_id = ? AND account_id = ?",
        {int64_t{volunteer}, group_id, account_id});
}

void set_persona_key(Connection& c, PersonaId persona_id, const std::string& key) {
  c.run("UPDATE memberships SET persona_key = ? WHERE persona_id = ? AND status = 'active'", {key, persona_id});
}

void set_persona(Connection& c, GroupId group_id, AccountId account_id, PersonaId persona_id, const std::string& key) {
  c.run("UPDATE memberships SET persona_id = ?, persona_key = ? WHERE group_id = ? AND account_id = ?",
        {persona_id, key, group_id, account_id});
}

void remove(Connection& c, GroupId group_id, AccountId account_id) {
  c.run("DELETE FROM memberships WHERE group_id = ? AND account_id = ?", {group_id, account_id});
}

int64_t count_with_role(Connection& c, GroupId group_id, Role role) {
  return c.first_i64("SELECT COUNT(*) FROM memberships WHERE group_id = ? AND role = ? AND status = 'active'",
                     {group_id, std::string(role_name(role))})
      .value_or(0);
}

std::vector<MyGroup> groups_of(Connection& c, AccountId account_id) {
  return c.all<MyGroup>(
      "SELECT g.id, g.slug, g.name, p.name, m.role,"
      " (SELECT COUNT(*) FROM threads t LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.account_id = m.account_id"
      "  WHERE t.group_id = g.id AND t.post_count > COALESCE(r.seen_post_count, 0)"
      // Muted threads and groups (store/mutes.hpp) count nothing.
      "  AND NOT EXISTS (SELECT 1 FROM thread_mutes tm WHERE tm.account_id = m.account_id AND tm.thread_id = t.id)"
      "  AND NOT EXISTS (SELECT 1 FROM group_mutes gm WHERE gm.account_id = m.account_id AND gm.group_id = g.id)),"
      " g.last_activity_at"
      " FROM memberships m JOIN support_groups g ON g.id = m.group_id JOIN personas p ON p.id = m.persona_id"
      " WHERE m.account_id = ? AND m.status = 'active' AND NOT " +
          sanctions::ban_in_force_sql("m.group_id", "m.account_id") + " ORDER BY g.last_activity_at DESC, g.id",
      {account_id}, [](const Row& r) {
        return MyGroup{r.i64(0), r.text(1), r.text(2), r.text(3), parse_role(r.text(4)).value_or(Role::member),
                       r.i64(5), r.i64(6)};
      });
}

std::vector<PendingRequest> pending(Connection& c, GroupId group_id) {
  return c.all<PendingRequest>(
      "SELECT m.persona_id, p.name, m.answers, m.requested_at FROM memberships m"
      " JOIN personas p ON p.id = m.persona_id WHERE m.group_id = ? AND m.status = 'pending'"
      " ORDER BY m.requested_at, m.persona_id",
      {group_id}, [](const Row& r) { return PendingRequest{r.i64(0), r.text(1), r.text(2), r.i64(3)}; });
}

std::vector<MemberEntry> active_members(Connection& c, GroupId group_id, int limit) {
  // Ordered by role then name, never by join time: join order would let members line up
  // personas across groups by when they appeared.
  return c.all<MemberEntry>(
      "SELECT p.id, p.name, m.role, m.trained_volunteer FROM memberships m JOIN personas p ON p.id = m.persona_id"
      " WHERE m.group_id = ? AND m.status = 'active'"
      " ORDER BY CASE m.role WHEN 'owner' THEN 0 WHEN 'admin' THEN 1 WHEN 'moderator' THEN 2 ELSE 3 END, m.persona_key"
      " LIMIT ?",
      {group_id, int64_t{limit}}, [](const Row& r) {
        return MemberEntry{r.i64(0), r.text(1), parse_role(r.text(2)).value_or(Role::member), r.i64(3) != 0};
      });
}

int64_t count_active(Connection& c, GroupId group_id) {
  return c.first_i64("SELECT COUNT(*) FROM memberships WHERE group_id = ? AND status = 'active'", {group_id}).value_or(0);
}

int64_t count_volunteers(Connection& c, GroupId group_id) {
  return c.first_i64("SELECT COUNT(*) FROM memberships WHERE group_id = ? AND status = 'active' AND trained_volunteer = 1",
                     {group_id})
      .value_or(0);
}

}  // namespace hearth::memberships
