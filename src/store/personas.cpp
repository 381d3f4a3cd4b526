#include "store/personas.hpp"

namespace hearth::personas {
namespace {

constexpr std::string_view columns =
    "id, account_id, name, about, about_audience, connection, connection_audience, region, region_audience,"
    " age_range, age_range_audience, pronouns, pronouns_audience, created_at";

Audience audience_of(int64_t value) {
  return value == 2 ? Audience::everyone : value == 1 ? Audience::members : Audience::only_me;
}

Persona to_persona(const Row& r) {
  Persona p;
  p.id = r.i64(0);
  p.account_id = r.i64(1);
  p.name = r.text(2);
  p.about = {r.text(3), audience_of(r.i64(4))};
  p.connection = {r.text(5), audience_of(r.i64(6))};
  p.region = {r.text(7), audience_of(r.i64(8))};
  p.age_range = {r.text(9), audience_of(r.i64(10))};
  p.pronouns = {r.text(11), audience_of(r.i64(12))};
  p.created_at = r.i64(13);
  return p;
}

int64_t level(Audience audience) { return static_cast<int64_t>(audience); }

}  // namespace

void insert(Connection& c, const Persona& p) {
  c.run(std::string("INSERT INTO personas (").append(columns).append(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {p.id, p.account_id, p.name, p.about.value, level(p.about.audience), p.connection.value,
         level(p.connection.audience), p.region.value, level(p.region.audience), p.age_range.value,
         level(p.age_range.audience), p.pronouns.value, level(p.pronouns.audience), p.created_at});
}

void update(Connection& c, const Persona& p) {
  c.run(
      "UPDATE personas SET name = ?, about = ?, about_audience = ?, connection = ?, connection_audience = ?,"
      " region = ?, region_audience = ?, age_range = ?, age_range_audience = ?, pronouns = ?, pronouns_audience = ?"
      " WHERE id = ?",
      {p.name, p.about.value, level(p.about.audience), p.connection.value, level(p.connection.audience),
       p.region.value, level(p.region.audience), p.age_range.value, level(p.age_range.audience), p.pronouns.value,
       level(p.pronouns.audience), p.id});
}

std::optional<Persona> find(Connection& c, PersonaId id) {
  return c.first<Persona>(std::string("SELECT ").append(columns).append(" FROM personas WHERE id = ?"), {id}, to_persona);
}

std::vector<Persona> of_account(Connection& c, AccountId account_id) {
  return c.all<Persona>(
      std::string("SELECT ").append(columns).append(" FROM personas WHERE account_id = ? ORDER BY created_at DESC, id"),
      {account_id}, to_persona);
}

bool is_active_in(Connection& c, PersonaId persona_id, GroupId group_id) {
  return c.first_i64("SELECT 1 FROM memberships WHERE persona_id = ? AND group_id = ? AND status = 'active'",
                     {persona_id, group_id})
      .has_value();
}

int64_t helped_count(Connection& c, PersonaId persona_id, GroupId group_id) {
  return c.first_i64(
             "SELECT COUNT(*) FROM reactions r JOIN posts p ON p.id = r.post_id"
             " WHERE p.group_id = ? AND p.author_persona_id = ? AND p.anonymous = 0 AND p.deleted_at IS NULL"
             " AND r.kind = 'helped'",
             {group_id, persona_id})
      .value_or(0);
}

}  // namespace hearth::personas
