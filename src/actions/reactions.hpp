#pragma once
// Reacting to a post: "Sending support", "Me too", "This helped".
#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"

namespace hearth {

// Turns the member's reaction of this kind on (`on`) or off. Setting what is already set
// is not an error (a repeated click). Members only; not on removed posts. The reaction is
// recorded with the persona the member shows in the post's group.
Status do_react(const ActionEnvironment& env, AccountId account, PostId post_id, ReactionKind kind, bool on);

}  // namespace hearth
