#include "store/invites.hpp"

namespace hearth::invites {
namespace {

Invite to_invite(const Row& r) {
  return Invite{r.i64(0), r.i64(1), r.i64(2), r.optional_i64(3), r.optional_i64(4), r.i64(5), r.optional_i64(6)};
}

constexpr std::string_view columns = "id, group_id, created_at, expires_at, max_uses, uses, revoked_at";

}  // namespace

void insert(Connection& c, const Invite& i, const std::string& token_hash, int64_t created_by) {
  c.run(
      "INSERT INTO group_invites (id, group_id, token_hash, created_by, created_at, expires_at, max_uses)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {i.id, i.group_id, token_hash, created_by, i.created_at, optional_value(i.expires_at),
       optional_value(i.max_uses)});
}

std::optional<Invite> find_by_hash(Connection& c, const std::string& token_hash) {
  return c.first<Invite>(std::string("SELECT ").append(columns).append(" FROM group_invites WHERE token_hash = ?"),
                         {token_hash}, to_invite);
}

std::vector<Invite> of_group(Connection& c, GroupId group_id) {
  return c.all<Invite>(std::string("SELECT ").append(columns).append(
                           " FROM group_invites WHERE group_id = ? ORDER BY created_at DESC, id"),
                       {group_id}, to_invite);
}

void count_use(Connection& c, int64_t invite_id) {
  c.run("UPDATE group_invites SET uses = uses + 1 WHERE id = ?", {invite_id});
}

bool revoke(Connection& c, GroupId group_id, int64_t invite_id, UnixMillis at) {
  c.run("UPDATE group_invites SET revoked_at = ? WHERE id = ? AND group_id = ? AND revoked_at IS NULL",
        {at, invite_id, group_id});
  return c.changes() == 1;
}

}  // namespace hearth::invites
