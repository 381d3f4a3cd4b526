#pragma once
// Starting threads and replying: one write transaction each, access re-checked inside it.
//
// No double posts: every post carries the idempotency key of the form (or API request)
// that submitted it. Submitting the same key again — a double click, a retry after a
// timeout, back-and-resubmit — returns the post the first submission made instead of
// making another.
#include <optional>
#include <string_view>

#include "actions/environment.hpp"
#include "actions/filtering.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"

namespace hearth {

struct NewThread {
  ThreadId thread_id = 0;
  PostId post_id = 0;  // the opening post
};

// A member starts a thread in a group. Anonymous only where the group allows it; the
// author gets the thread's first anonymous label ("A"), follows the thread, and has read it.
//
// Both posting actions screen the draft with the safety filters first (actions/filtering.hpp):
// a blocked draft, or one the filters ask about (unless `choice.post_anyway`), comes back as
// an error with `outcome->prompt` set; otherwise `outcome` says whether the post is held,
// censored, or needs the crisis lines shown.
Result<NewThread> do_start_thread(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                  const PostDraft& draft, std::string_view idempotency_key,
                                  const FilterChoice& choice = {}, FilterOutcome* outcome = nullptr);

// A member replies to a thread: to `parent` (a post of the thread), or to the opening post
// when none is given. Replies nest at most max_reply_depth (3) deep: a reply to a post at
// depth 3 is placed beside it, at depth 3 under the same parent, so the conversation stays
// readable on a phone. Locked threads take replies from moderators only.
// `placed`, when given, is filled with where the reply landed (or the earlier one, for a
// repeated key), so the API can answer without reading the post again; a reply found only
// after a lost race for its key leaves it empty (id 0).
struct PlacedReply {
  PostId id = 0;
  std::optional<PostId> parent_id;
  int depth = 0;
  bool anonymous = false;
  std::string group_slug;
};
Result<PostId> do_reply(const ActionEnvironment& env, AccountId account, ThreadId thread_id,
                        std::optional<PostId> parent, const PostDraft& draft, std::string_view idempotency_key,
                        const FilterChoice& choice = {}, FilterOutcome* outcome = nullptr,
                        PlacedReply* placed = nullptr);

// Moderators pin a thread to the top of the group page, or lock it against new replies.
Status do_set_thread_pinned(const ActionEnvironment& env, AccountId moderator, ThreadId thread_id, bool pinned);
Status do_set_thread_locked(const ActionEnvironment& env, AccountId moderator, ThreadId thread_id, bool locked);

}  // namespace hearth
