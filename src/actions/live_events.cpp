#include "actions/live_events.hpp"

#include <unordered_map>

#include "actions/conversations.hpp"
#include "actions/messages.hpp"
#include "policy/blocking.hpp"
#include "policy/moderation.hpp"
#include "store/access_tokens.hpp"
#include "store/memberships.hpp"
#include "store/sessions.hpp"

namespace hearth {
namespace {

// The credential the stream was opened with still works: logging out (or out everywhere),
// an expired session or a revoked token ends the stream at its next delivery.
bool still_recognised(Connection& c, const LiveViewer& viewer, UnixMillis now) {
  if (!viewer.account) return true;
  if (viewer.via_access_token) {
    const auto token = access_tokens::find_by_hash(c, viewer.credential_hash);
    return token && token->account_id == *viewer.account;
  }
  const auto session = sessions::find(c, viewer.credential_hash);
  return session && session->account_id == *viewer.account && session->expires_at > now;
}

// Whether the viewer may be told of an event about this post: the post is in the thread and
// shown to them on the page (a post waiting for a moderator only to its author and the
// group's moderators).
class Visibility {
 public:
  Visibility(Connection& c, const ThreadInView& thread, std::optional<AccountId> account)
      : c_(c), thread_(thread), account_(account) {}

  // An event about the thread itself (locked, pinned) names the opening post; it reaches
  // whoever may see that post, and no block stands in its way: it says nothing of an author.
  bool may_know(const thread_events::Event& event) {
    const auto shown = shown_post(event.post_id);
    if (!shown) return false;
    if (thread_events::is_about_thread(event.kind)) return true;
    return not_blocked(*shown);
  }

 private:
  // The post, when it is in the thread and shown to the viewer on the page (a post waiting
  // for a moderator only to its author and the group's moderators).
  std::optional<posts::Post> shown_post(PostId id) {
    const auto known = seen_.find(id);
    if (known != seen_.end()) return known->second;
    std::optional<posts::Post> shown;
    if (auto post = posts::find(c_, id); post && post->thread_id == thread_.thread.id) {
      if (!post->held_at || can_see_held_post(thread_.group.viewer, post->author_account_id == account_)) {
        shown = std::move(post);
      }
    }
    seen_.emplace(id, shown);
    return shown;
  }

  // A block between the viewer and the post's persona: not pushed either way (never for an
  // anonymous post, which would tell who wrote it: policy/blocking.hpp).
  bool not_blocked(const posts::Post& post) {
    if (!account_ || post.anonymous) return true;
    if (!blocks_) blocks_ = persona_blocks::block_set(c_, *account_);
    return block_effect(*blocks_, false, post.author_persona_id) == BlockEffect::none;
  }

  Connection& c_;
  const ThreadInView& thread_;
  std::optional<AccountId> account_;
  std::unordered_map<PostId, std::optional<posts::Post>> seen_;
  std::optional<BlockSet> blocks_;  // read once per delivery, when a post needs it
};

}  // namespace

void record_thread_event(const ActionEnvironment& env, Connection& c, thread_events::Kind kind,
                         const posts::Post& post) {
  thread_events::record(c, kind, post.thread_id, post.group_id, post.id, env.clock.now());
  env.changes->note_thread_group(post.thread_id, post.group_id);
}

void record_thread_event(const ActionEnvironment& env, Connection& c, thread_events::Kind kind,
                         const threads::Thread& thread) {
  thread_events::record(c, kind, thread.id, thread.group_id, thread.opening_post_id, env.clock.now());
  env.changes->note_thread_group(thread.id, thread.group_id);
}

LiveViewer live_viewer(const std::optional<Viewer>& viewer) {
  if (!viewer) return {};
  return {viewer->account.id, viewer->credential_hash, viewer->via_access_token};
}

int64_t thread_live_position(const ActionEnvironment& env, ThreadId thread) {
  return env.store.read([&](Connection& c) { return thread_events::last_seq(c, thread); });
}

ThreadDelivery deliver_thread_events(const ActionEnvironment& env, const LiveViewer& viewer, ThreadId thread_id,
                                     int64_t after) {
  ThreadDelivery d;
  d.position = after;
  env.store.read([&](Connection& c) {
    // Permissions as they are now, not as they were when the stream opened.
    const auto thread = still_recognised(c, viewer, env.clock.now()) ? find_thread_in(c, thread_id, viewer.account)
                                                                     : std::nullopt;
    if (!thread) {
      d.gone = true;
      return;
    }
    const int64_t head = thread_events::last_seq(c, thread_id);
    if (after == head) return;
    auto events = after < head ? thread_events::after(c, thread_id, after, max_events_per_delivery + 1)
                               : std::vector<thread_events::Event>{};
    // A position from the future, events pruned since, or more than one delivery carries:
    // the client can't be brought up to date event by event, so it reloads instead.
    if (events.empty() || events.front().seq != after + 1 ||
        events.size() > static_cast<std::size_t>(max_events_per_delivery)) {
      d.reset = true;
      d.position = head;
      return;
    }
    d.position = events.back().seq;
    Visibility visibility(c, *thread, viewer.account);
    for (auto& event : events) {
      if (visibility.may_know(event)) d.events.push_back(event);
    }
  });
  return d;
}

MemberDelivery deliver_member_state(const ActionEnvironment& env, const LiveViewer& viewer) {
  MemberDelivery d;
  env.store.read([&](Connection& c) {
    if (!viewer.account || !still_recognised(c, viewer, env.clock.now())) {
      d.gone = true;
      return;
    }
    // Active memberships only: an active member may read their group's content whatever its
    // privacy (policy can_read_content), and a group that banned them counts nothing.
    for (const auto& group : memberships::groups_of(c, *viewer.account)) {
      d.unread_threads += group.unread_threads;
      d.groups.push_back(group.id);
    }
    const MessageCounts messages = message_counts_in(c, *viewer.account);
    d.unread_messages = messages.unread;
    d.message_requests = messages.requests;
  });
  return d;
}

}  // namespace hearth
