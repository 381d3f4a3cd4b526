#include "actions/reactions.hpp"

#include "actions/blocking.hpp"
#include "actions/conversations.hpp"
#include "actions/live_events.hpp"
#include "actions/posting_gate.hpp"
#include "store/reactions.hpp"

namespace hearth {

Status do_react(const ActionEnvironment& env, AccountId account, PostId post_id, ReactionKind kind, bool on) {
  ThreadId changed = 0;
  Status reacted = env.store.write([&](Connection& c) -> Status {
    auto found = find_post_in(c, post_id, account);
    if (!found) return post_not_found();
    const GroupInView& group = found->thread.group;
    if (!can_participate(group.group.privacy, group.viewer)) return participation_refused(group.viewer);
    if (found->post.deleted_at) {
      return make_error(ErrorCode::conflict, "This post was removed, so it can't take reactions.");
    }
    if (found->post.held_at) {
      return make_error(ErrorCode::conflict,
                        "This post is waiting for a moderator. Reactions can come once it's approved.");
    }
    if (auto muted = check_not_muted(env, c, group.group.id, account); !muted) return muted;
    if (on) {
      // Across a block, no new reactions either way; never for an anonymous post (docs/blocking.md).
      if (auto open = check_reaction_not_blocked(c, account, found->post); !open) return open;
      reactions::add(c, post_id, group.group.id, account, group.viewer.membership->persona_id, kind, env.clock.now());
    } else {
      reactions::remove(c, post_id, account, kind);
    }
    record_thread_event(env, c, thread_events::Kind::reaction, found->post);
    changed = found->thread.thread.id;
    return success();
  });
  if (reacted) env.changes->thread_changed(changed);
  return reacted;
}

}  // namespace hearth
