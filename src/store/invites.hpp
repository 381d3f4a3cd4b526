#pragma once
// Invite links to a group (the only way into a hidden group).
#include <optional>
#include <string>
#include <vector>

#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::invites {

struct Invite {
  int64_t id = 0;
  GroupId group_id = 0;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> expires_at;
  std::optional<int64_t> max_uses;
  int64_t uses = 0;
  std::optional<UnixMillis> revoked_at;
};

void insert(Connection& c, const Invite& invite, const std::string& token_hash, int64_t created_by);
std::optional<Invite> find_by_hash(Connection& c, const std::string& token_hash);
std::vector<Invite> of_group(Connection& c, GroupId group_id);
void count_use(Connection& c, int64_t invite_id);
bool revoke(Connection& c, GroupId group_id, int64_t invite_id, UnixMillis at);

}  // namespace hearth::invites
