#include "store/persona_blocks.hpp"

#include <algorithm>

namespace hearth::persona_blocks {

bool add(Connection& c, const Block& b) {
  c.run(
      "INSERT INTO persona_blocks (blocker_account_id, blocked_persona_id, blocked_account_id, blocker_persona_id,"
      " group_id, created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (blocker_account_id, blocked_persona_id) DO NOTHING",
      {b.blocker_account_id, b.blocked_persona_id, b.blocked_account_id, b.blocker_persona_id, b.group_id,
       b.created_at});
  return c.changes() > 0;
}

bool remove(Connection& c, AccountId blocker, PersonaId blocked_persona) {
  c.run("DELETE FROM persona_blocks WHERE blocker_account_id = ? AND blocked_persona_id = ?",
        {blocker, blocked_persona});
  return c.changes() > 0;
}

bool has_blocked(Connection& c, AccountId blocker, PersonaId blocked_persona) {
  return c.first_i64("SELECT 1 FROM persona_blocks WHERE blocker_account_id = ? AND blocked_persona_id = ?",
                     {blocker, blocked_persona})
      .has_value();
}

std::vector<Entry> list(Connection& c, AccountId blocker) {
  return c.all<Entry>(
      "SELECT b.blocked_persona_id, p.name, b.group_id, COALESCE(g.slug, ''), COALESCE(g.name, ''), b.created_at"
      " FROM persona_blocks b JOIN personas p ON p.id = b.blocked_persona_id"
      " LEFT JOIN support_groups g ON g.id = b.group_id"
      " WHERE b.blocker_account_id = ? ORDER BY b.created_at DESC, b.blocked_persona_id",
      {blocker}, [](const Row& r) {
        return Entry{r.i64(0), r.text(1), r.i64(2), r.text(3), r.text(4), r.i64(5)};
      });
}

BlockSet block_set(Connection& c, AccountId viewer) {
  BlockSet set;
  set.blocked = c.all<PersonaId>("SELECT blocked_persona_id FROM persona_blocks WHERE blocker_account_id = ?",
                                 {viewer}, [](const Row& r) { return r.i64(0); });
  set.blocked_by = c.all<PersonaId>(
      "SELECT blocker_persona_id FROM persona_blocks WHERE blocked_account_id = ? AND blocker_persona_id <> 0",
      {viewer}, [](const Row& r) { return r.i64(0); });
  std::sort(set.blocked.begin(), set.blocked.end());
  std::sort(set.blocked_by.begin(), set.blocked_by.end());
  return set;
}

bool between(Connection& c, AccountId viewer, PersonaId author_persona) {
  if (author_persona == 0) return false;
  return c.first_i64(
              "SELECT 1 FROM persona_blocks WHERE (blocker_account_id = ? AND blocked_persona_id = ?)"
              " OR (blocked_account_id = ? AND blocker_persona_id = ?) LIMIT 1",
              {viewer, author_persona, viewer, author_persona})
      .has_value();
}

}  // namespace hearth::persona_blocks
