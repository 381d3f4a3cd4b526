#include "store/verifications.hpp"

namespace hearth::verifications {
namespace {

Verification verification_of(const Row& r, int at) {
  Verification v;
  v.account_id = r.i64(at);
  v.kind = parse_verification_kind(r.text(at + 1)).value_or(VerificationKind::health_professional);
  v.profession = r.text(at + 2);
  v.jurisdiction = r.text(at + 3);
  v.verified_at = r.i64(at + 4);
  v.revoked_at = r.optional_i64(at + 5);
  return v;
}

constexpr std::string_view columns = "v.account_id, v.kind, v.profession, v.jurisdiction, v.verified_at, v.revoked_at";

// Personas whose badge is on and whose account's verification is active.
constexpr std::string_view shown_badges =
    " FROM persona_badges b JOIN verifications v ON v.account_id = b.account_id AND v.revoked_at IS NULL";

}  // namespace

void upsert(Connection& c, AccountId account, const VerificationDraft& d, AccountId admin, UnixMillis at) {
  c.run(
      "INSERT INTO verifications (account_id, kind, profession, jurisdiction, verified_at, verified_by)"
      " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id) DO UPDATE SET kind = excluded.kind,"
      " profession = excluded.profession, jurisdiction = excluded.jurisdiction, verified_at = excluded.verified_at,"
      " verified_by = excluded.verified_by, revoked_at = NULL, revoked_by = NULL",
      {account, std::string(verification_kind_name(d.kind)), d.profession, d.jurisdiction, at, admin});
}

bool revoke(Connection& c, AccountId account, AccountId admin, UnixMillis at) {
  c.run("UPDATE verifications SET revoked_at = ?, revoked_by = ? WHERE account_id = ? AND revoked_at IS NULL",
        {at, admin, account});
  const bool revoked = c.changes() > 0;
  if (revoked) hide_all_badges(c, account);
  return revoked;
}

std::optional<Verification> find(Connection& c, AccountId account) {
  return c.first<Verification>("SELECT " + std::string(columns) + " FROM verifications v WHERE v.account_id = ?",
                               {account}, [](const Row& r) { return verification_of(r, 0); });
}

std::vector<Listed> list(Connection& c, int limit) {
  return c.all<Listed>("SELECT " + std::string(columns) +
                           ", a.login_name FROM verifications v JOIN accounts a ON a.id = v.account_id"
                           " ORDER BY v.revoked_at IS NOT NULL, v.verified_at DESC, v.account_id LIMIT ?",
                       {int64_t{limit}}, [](const Row& r) { return Listed{verification_of(r, 0), r.text(6)}; });
}

void show_badge(Connection& c, PersonaId persona, AccountId account, UnixMillis at) {
  c.run("INSERT INTO persona_badges (persona_id, account_id, shown_since) VALUES (?, ?, ?)"
        " ON CONFLICT (persona_id) DO NOTHING",
        {persona, account, at});
}

void hide_badge(Connection& c, PersonaId persona) {
  c.run("DELETE FROM persona_badges WHERE persona_id = ?", {persona});
}

void hide_all_badges(Connection& c, AccountId account) {
  c.run("DELETE FROM persona_badges WHERE account_id = ?", {account});
}

bool badge_switched_on(Connection& c, PersonaId persona) {
  return c.first_i64("SELECT 1 FROM persona_badges WHERE persona_id = ?", {persona}).has_value();
}

std::optional<Badge> badge_of(Connection& c, PersonaId persona) {
  return c.first<Badge>("SELECT v.kind, v.profession" + std::string(shown_badges) + " WHERE b.persona_id = ?",
                        {persona}, [](const Row& r) {
                          return Badge{parse_verification_kind(r.text(0)).value_or(VerificationKind::peer_volunteer),
                                       r.text(1)};
                        });
}

std::unordered_map<PersonaId, Badge> badges_in_group(Connection& c, GroupId group) {
  std::unordered_map<PersonaId, Badge> badges;
  // Few accounts are verified: start from the badges, look each up in the group's members.
  c.execute("SELECT b.persona_id, v.kind, v.profession" + std::string(shown_badges) +
                " JOIN memberships m ON m.group_id = ? AND m.account_id = b.account_id AND m.persona_id = b.persona_id"
                " AND m.status = 'active'",
            {group}, [&](const Row& r) {
              badges.emplace(r.i64(0), Badge{parse_verification_kind(r.text(1)).value_or(VerificationKind::peer_volunteer),
                                             r.text(2)});
            });
  return badges;
}

std::vector<GroupId> groups_showing_badges_of(Connection& c, AccountId account) {
  return c.all<GroupId>(
      "SELECT DISTINCT m.group_id FROM persona_badges b JOIN memberships m ON m.account_id = b.account_id"
      " AND m.persona_id = b.persona_id WHERE b.account_id = ?",
      {account}, [](const Row& r) { return r.i64(0); });
}

std::vector<GroupId> groups_of_persona(Connection& c, AccountId account, PersonaId persona) {
  return c.all<GroupId>("SELECT group_id FROM memberships WHERE account_id = ? AND persona_id = ?",
                        {account, persona}, [](const Row& r) { return r.i64(0); });
}

std::optional<AccountId> account_by_login_key(Connection& c, std::string_view key) {
  return c.first_i64("SELECT id FROM accounts WHERE login_key = ?", {std::string(key)});
}

BadgeCounts count_in_group(Connection& c, GroupId group) {
  BadgeCounts counts;
  for (const auto& [persona, badge] : badges_in_group(c, group)) {
    (void)persona;
    if (badge.kind == VerificationKind::health_professional) ++counts.health_professionals;
    else ++counts.peer_volunteers;
  }
  return counts;
}

}  // namespace hearth::verifications
