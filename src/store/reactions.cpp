#include "store/reactions.hpp"

#include <algorithm>

namespace hearth::reactions {

bool add(Connection& c, PostId post_id, GroupId group_id, AccountId account, PersonaId persona, ReactionKind kind,
         UnixMillis at) {
  c.run(
      "INSERT INTO reactions (post_id, account_id, group_id, persona_id, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)"
      " ON CONFLICT (post_id, account_id, kind) DO NOTHING",
      {post_id, account, group_id, persona, std::string(reaction_name(kind)), at});
  return c.changes() == 1;
}

bool remove(Connection& c, PostId post_id, AccountId account, ReactionKind kind) {
  c.run("DELETE FROM reactions WHERE post_id = ? AND account_id = ? AND kind = ?",
        {post_id, account, std::string(reaction_name(kind))});
  return c.changes() == 1;
}

std::array<int64_t, 3> counts(Connection& c, PostId post_id) {
  std::array<int64_t, 3> result{};
  c.execute("SELECT kind, COUNT(*) FROM reactions WHERE post_id = ? GROUP BY kind", {post_id}, [&](const Row& r) {
    if (const auto kind = parse_reaction(r.text(0))) result[static_cast<std::size_t>(*kind)] = r.i64(1);
  });
  return result;
}

bool has_reacted(Connection& c, PostId post_id, AccountId account, ReactionKind kind) {
  return c
      .first_i64("SELECT 1 FROM reactions WHERE post_id = ? AND account_id = ? AND kind = ?",
                 {post_id, account, std::string(reaction_name(kind))})
      .has_value();
}

std::vector<Reactor> reactors(Connection& c, PostId post_id, ReactionKind kind, int limit) {
  return c.all<Reactor>(
      "SELECT per.id, per.name FROM reactions r"
      " JOIN memberships m ON m.group_id = r.group_id AND m.persona_id = r.persona_id AND m.status = 'active'"
      " JOIN personas per ON per.id = r.persona_id"
      " WHERE r.post_id = ? AND r.kind = ? ORDER BY r.created_at, per.id LIMIT ?",
      {post_id, std::string(reaction_name(kind)), int64_t{std::clamp(limit, 1, 500)}}, [](const Row& r) {
        return Reactor{r.i64(0), r.text(1)};
      });
}

}  // namespace hearth::reactions
