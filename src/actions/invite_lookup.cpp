#include "actions/invite_lookup.hpp"

#include "core/crypto.hpp"
#include "store/groups.hpp"

namespace hearth {

bool invite_is_usable(const invites::Invite& invite, UnixMillis now) {
  if (invite.revoked_at) return false;
  if (invite.expires_at && *invite.expires_at <= now) return false;
  return !(invite.max_uses && invite.uses >= *invite.max_uses);
}

std::optional<Group> find_group_by_invite(const ActionEnvironment& env, std::string_view token) {
  if (token.empty() || token.size() > 100) return std::nullopt;
  const std::string token_hash = hash_secret(token);
  const UnixMillis now = env.clock.now();
  return env.store.read([&](Connection& c) -> std::optional<Group> {
    const auto invite = invites::find_by_hash(c, token_hash);
    if (!invite || !invite_is_usable(*invite, now)) return std::nullopt;
    return groups::find(c, invite->group_id);
  });
}

}  // namespace hearth
