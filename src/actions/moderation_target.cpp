#include "actions/moderation_target.hpp"

#include "core/crypto.hpp"
#include "store/memberships.hpp"

namespace hearth {

std::string anonymous_handle(std::string_view secret_key, PostId post) {
  const std::string mac = keyed_hash(secret_key, "moderation-handle\n" + std::to_string(post));
  return mac.substr(0, 6) + "-" + mac.substr(6, 6);
}

ModerationTarget post_author_target(Connection& c, std::string_view secret_key, const posts::Post& post) {
  ModerationTarget target;
  target.group_id = post.group_id;
  target.account = post.author_account_id;
  target.membership = memberships::find(c, post.group_id, post.author_account_id);
  target.post_id = post.id;
  target.thread_id = post.thread_id;
  if (post.anonymous) {
    target.subject.handle = anonymous_handle(secret_key, post.id);
  } else {
    target.subject.persona_id = post.author_persona_id;
  }
  return target;
}

std::optional<ModerationTarget> persona_target(Connection& c, GroupId group_id, PersonaId persona) {
  const auto account = c.first_i64(
      "SELECT account_id FROM memberships WHERE group_id = ? AND persona_id = ? AND status IN ('active', 'banned')",
      {group_id, persona});
  if (!account) return std::nullopt;
  ModerationTarget target;
  target.group_id = group_id;
  target.account = *account;
  target.membership = memberships::find(c, group_id, *account);
  target.subject.persona_id = persona;
  return target;
}

}  // namespace hearth
