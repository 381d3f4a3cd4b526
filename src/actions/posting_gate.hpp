#pragma once
// What a group's moderation asks of a member who posts, checked inside the posting
// transaction: a mute in force (no posting, replying, reacting or editing, with the reason
// and the end shown), slow mode, and whether the new post waits for a moderator.
#include "actions/environment.hpp"
#include "actions/group_lookup.hpp"
#include "core/result.hpp"
#include "domain/moderation.hpp"

namespace hearth {

// An error saying why and until when, while a mute is in force on the account.
Status check_not_muted(const ActionEnvironment& env, Connection& c, GroupId group_id, AccountId account);

// For a new thread or reply by an active member: mute, slow mode, then whether it is held.
Result<HoldReason> check_new_post(const ActionEnvironment& env, Connection& c, const GroupInView& group,
                                  AccountId account, bool anonymous);

}  // namespace hearth
