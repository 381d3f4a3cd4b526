#include "policy/group_access.hpp"

namespace hearth {

bool is_active_member(const GroupViewer& viewer) {
  return viewer.account && viewer.membership && viewer.membership->status == MembershipStatus::active;
}

bool is_banned(const GroupViewer& viewer) {
  return viewer.membership && viewer.membership->status == MembershipStatus::banned;
}

bool can_see_group(Privacy privacy, const GroupViewer& viewer) {
  return privacy != Privacy::hidden_group || is_active_member(viewer);
}

bool is_listed(Privacy privacy) { return privacy != Privacy::hidden_group; }

bool shows_member_count(Privacy privacy) { return privacy == Privacy::public_group; }

bool can_read_content(Privacy privacy, const GroupViewer& viewer) {
  if (is_banned(viewer)) return false;
  return privacy == Privacy::public_group || is_active_member(viewer);
}

bool can_participate(Privacy privacy, const GroupViewer& viewer) {
  return is_active_member(viewer) && can_read_content(privacy, viewer);
}

JoinPath join_path(Privacy privacy, const GroupViewer& viewer) {
  if (viewer.membership) {
    switch (viewer.membership->status) {
      case MembershipStatus::active: return JoinPath::already_member;
      case MembershipStatus::pending: return JoinPath::pending;
      case MembershipStatus::banned: return JoinPath::banned;
      case MembershipStatus::declined: break;  // may ask again
    }
  }
  switch (privacy) {
    case Privacy::public_group: return JoinPath::join_directly;
    case Privacy::private_group: return JoinPath::request;
    case Privacy::hidden_group: return JoinPath::invite_only;
  }
  return JoinPath::none;
}

bool can_moderate(const GroupViewer& viewer) {
  return is_active_member(viewer) && viewer.membership->role >= Role::moderator;
}

bool can_manage(const GroupViewer& viewer) {
  return is_active_member(viewer) && viewer.membership->role >= Role::admin;
}

bool can_change_role(const GroupViewer& manager, Role from, Role to, bool target_is_self) {
  if (!can_manage(manager) || from == to) return false;
  const Role mine = manager.membership->role;
  if (mine == Role::owner) {
    // The owner hands ownership over by making someone else owner; they can't demote
    // themselves directly (the group would have no owner).
    return !(target_is_self && from == Role::owner);
  }
  // Admins: only members and moderators, and never to admin or owner.
  return !target_is_self && from <= Role::moderator && to <= Role::moderator;
}

bool can_see_field(Audience audience, bool is_self, bool viewer_is_member, bool viewer_can_see_group) {
  if (is_self) return true;
  switch (audience) {
    case Audience::only_me: return false;
    case Audience::members: return viewer_is_member;
    case Audience::everyone: return viewer_can_see_group;
  }
  return false;
}

bool can_see_author(bool post_is_anonymous, bool viewer_is_author) { return !post_is_anonymous || viewer_is_author; }

bool can_see_revisions(const GroupViewer& viewer, bool viewer_is_author) {
  return (viewer_is_author && viewer.account.has_value()) || can_moderate(viewer);
}

bool can_edit_post(const GroupViewer& viewer, bool viewer_is_author, bool post_removed) {
  return viewer_is_author && !post_removed && is_active_member(viewer);
}

bool can_reply(Privacy privacy, const GroupViewer& viewer, bool thread_locked) {
  return can_participate(privacy, viewer) && (!thread_locked || can_moderate(viewer));
}

}  // namespace hearth
