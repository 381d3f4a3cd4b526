#pragma once
// Authors editing and removing their own posts (moderation comes with its own tools).
#include "actions/environment.hpp"
#include "actions/filtering.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"

namespace hearth {

// Replaces the post's text (and the thread's title, for an opening post), keeping the
// version it replaces in the edit history; "edited" is shown to everyone. Whether the post
// is anonymous can't change by editing (`draft.anonymous` is ignored): that would tie the
// author's other anonymous posts in the thread to their pseudonym.
// The new version passes the safety filters like a new post (see actions/threads.hpp), except
// that a published post can't go back to waiting for a moderator: such a change is refused.
Status do_edit_post(const ActionEnvironment& env, AccountId account, PostId post_id, const PostDraft& draft,
                    const FilterChoice& choice = {}, FilterOutcome* outcome = nullptr);

// Removes the post: it keeps its place ("removed by its author") but its text, author and
// reactions are no longer served to anyone, and it leaves search. Removing twice is fine.
Status do_delete_post(const ActionEnvironment& env, AccountId account, PostId post_id);

}  // namespace hearth
