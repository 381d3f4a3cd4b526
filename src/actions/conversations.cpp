#include "actions/conversations.hpp"

#include <algorithm>

#include "policy/moderation.hpp"

namespace hearth {

std::optional<ThreadInView> find_thread_in(Connection& c, ThreadId id, std::optional<AccountId> account) {
  auto thread = threads::find(c, id);
  if (!thread) return std::nullopt;
  auto group = find_group_in(c, thread->group_id, account);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return std::nullopt;
  // No published post yet: the opening post waits for a moderator (store/posts.hpp), and
  // the thread exists only for its author and the group's moderators.
  if (thread->post_count == 0) {
    const auto opening = posts::find(c, thread->opening_post_id);
    if (!opening || (opening->held_at && !can_see_held_post(group->viewer, opening->author_account_id == account))) {
      return std::nullopt;
    }
  }
  return ThreadInView{std::move(*thread), std::move(*group)};
}

std::optional<PostInView> find_post_in(Connection& c, PostId id, std::optional<AccountId> account) {
  auto post = posts::find(c, id);
  if (!post) return std::nullopt;
  auto thread = find_thread_in(c, post->thread_id, account);
  if (!thread) return std::nullopt;
  if (post->held_at && !can_see_held_post(thread->group.viewer, post->author_account_id == account)) {
    return std::nullopt;  // waiting for a moderator: like a post that doesn't exist
  }
  return PostInView{std::move(*post), std::move(*thread)};
}

Error thread_not_found() {
  return make_error(ErrorCode::not_found,
                    "We couldn't find that conversation. It may have been removed, or the link may be mistyped.");
}

Error post_not_found() {
  return make_error(ErrorCode::not_found,
                    "We couldn't find that post. It may have been removed, or the link may be mistyped.");
}

Error participation_refused(const GroupViewer& viewer) {
  if (is_banned(viewer)) return make_error(ErrorCode::forbidden, "You can't take part in this group.");
  if (viewer.membership && viewer.membership->status == MembershipStatus::pending) {
    return make_error(ErrorCode::forbidden,
                      "Your request to join is waiting for the group's admins. You can take part once it's approved.");
  }
  return make_error(ErrorCode::forbidden,
                    "Only members of this group can take part here. Join the group to post, reply or react.");
}

Status validate_idempotency_key(std::string_view key) {
  const bool visible_ascii = std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
  if (key.size() < min_idempotency_key_length || key.size() > max_idempotency_key_length || !visible_ascii) {
    return make_error(
        ErrorCode::invalid_input,
        "This form is out of date. Please reload the page and send your post again (copy your text first).",
        "idempotency_key");
  }
  return success();
}

std::optional<ThreadPageView> read_thread(const ActionEnvironment& env, ThreadId id, std::optional<AccountId> account,
                                          const std::optional<posts::BranchCursor>& after, int branches) {
  return env.store.read([&](Connection& c) -> std::optional<ThreadPageView> {
    auto thread = find_thread_in(c, id, account);
    if (!thread) return std::nullopt;
    auto summary = threads::summary(c, id, account);
    if (!summary) return std::nullopt;
    // A thread whose opening post waits for a moderator counts no published post, but its
    // author and the moderators reading it see that post all the same.
    summary->post_count = std::max<int64_t>(summary->post_count, 1);
    auto view = posts::thread_view(c, thread->thread, account, after, branches, can_moderate(thread->group.viewer));
    return ThreadPageView{std::move(*thread), std::move(*summary), std::move(view)};
  });
}

std::optional<threads::Page> read_group_threads(const ActionEnvironment& env, GroupId group_id,
                                                std::optional<AccountId> account,
                                                const std::optional<threads::Cursor>& after, int limit) {
  return env.store.read([&](Connection& c) -> std::optional<threads::Page> {
    auto group = find_group_in(c, group_id, account);
    if (!group || !can_read_content(group->group.privacy, group->viewer)) return std::nullopt;
    return threads::page(c, group_id, account, after, limit);
  });
}

Result<std::vector<posts::Revision>> read_revisions(const ActionEnvironment& env, AccountId account, PostId id) {
  return env.store.read([&](Connection& c) -> Result<std::vector<posts::Revision>> {
    auto found = find_post_in(c, id, account);
    if (!found || found->post.deleted_at) return post_not_found();
    if (!can_see_revisions(found->thread.group.viewer, found->post.author_account_id == account)) {
      return make_error(ErrorCode::forbidden, "Only the author and the group's moderators can see earlier versions.");
    }
    return posts::revisions(c, id);
  });
}

}  // namespace hearth
