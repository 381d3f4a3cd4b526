#pragma once
// Whom a moderation action is aimed at, and the opaque handle that names the author of an
// anonymous post.
//
// ACCOUNTABLE ANONYMITY: a ModerationTarget carries the real account and role so that an
// action takes effect on the right person, but those fields are INTERNAL: nothing that
// answers a moderator may render, serialise, count or branch visibly on them. What a
// moderator may be shown is `subject` (a persona, or the post's handle) — see
// actions/moderation.cpp for how refusals are kept identical.
#include <optional>
#include <string>
#include <string_view>

#include "domain/membership.hpp"
#include "store/posts.hpp"
#include "store/sanctions.hpp"

namespace hearth {

// A keyed hash of the post id under the server's secret ("3f9a1c-77b2e0"): stable, says
// nothing about the author, and can't be worked out without the secret. One per post, so
// two anonymous posts by the same author can't be linked by their handles either.
std::string anonymous_handle(std::string_view secret_key, PostId post);

struct ModerationTarget {
  GroupId group_id = 0;
  AccountId account = 0;                 // INTERNAL
  std::optional<Membership> membership;  // INTERNAL: the target's standing (any status)
  sanctions::Subject subject;            // what moderators may be shown
  std::optional<PostId> post_id;
  std::optional<ThreadId> thread_id;

  bool through_handle() const { return !subject.persona_id.has_value(); }
  Role role() const { return membership ? membership->role : Role::member; }
};

// The author of the post: by their persona for a signed post, by the post's handle for an
// anonymous one.
ModerationTarget post_author_target(Connection& c, std::string_view secret_key, const posts::Post& post);
// A persona that is (or was, until banned) a member of the group; nothing otherwise — the
// same nothing for a persona of another group as for one that doesn't exist.
std::optional<ModerationTarget> persona_target(Connection& c, GroupId group_id, PersonaId persona);

}  // namespace hearth
