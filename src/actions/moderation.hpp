#pragma once
// What moderators do: to a post (approve, dismiss its reports, remove with an explanation,
// lock its thread, escalate), to its author through it (warn, mute, ban, lift them, keep a
// note) and to a member by their persona. One write transaction each; every action but a
// private note writes the moderation log; reports on the item are closed with the outcome
// their reporters are told.
//
// Accountable anonymity: acting through an anonymous post names its author only by the
// post's handle (actions/moderation_target.hpp). The action takes effect on the real
// account, and the answer — success, each refusal, and everything later read back — is the
// same whoever the author is.
#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "domain/moderation.hpp"

namespace hearth {

// Any action but `note`'s subject is the post; warn, mute, unmute, ban, unban and note act on
// its author.
Status do_moderate_post(const ActionEnvironment& env, AccountId moderator, PostId post_id,
                        const ModerationRequest& request);

// dismiss (reports on the persona), warn, mute, unmute, ban, unban, escalate, note.
Status do_moderate_member(const ActionEnvironment& env, AccountId moderator, GroupId group_id, PersonaId persona,
                          const ModerationRequest& request);

// Admins and the owner: held first posts, slow mode, anonymous posts held for approval.
Status do_save_moderation_settings(const ActionEnvironment& env, AccountId admin, GroupId group_id,
                                   const ModerationSettings& settings);

}  // namespace hearth
