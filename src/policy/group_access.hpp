#pragma once
// Who may see and do what in a group. Every page, API endpoint, search and feed asks
// these functions; there is no second copy of any rule. Pure functions: no I/O.
#include <optional>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "domain/persona.hpp"

namespace hearth {

// The viewer as one group sees them.
struct GroupViewer {
  std::optional<AccountId> account;       // none for a logged-out visitor
  std::optional<Membership> membership;   // any status, if they have one
};

bool is_active_member(const GroupViewer& viewer);
bool is_banned(const GroupViewer& viewer);

// Does the group exist for this viewer? A hidden group exists only for its active members;
// everyone else must get exactly the answer a non-existent group gets.
bool can_see_group(Privacy privacy, const GroupViewer& viewer);
// Listed in the directory and in directory search (hidden groups never are).
bool is_listed(Privacy privacy);
// How many members a group has is shown only for public groups: for a private or hidden
// group, a count that changes would tell outsiders when someone joins.
bool shows_member_count(Privacy privacy);
// Threads, posts, reactions, member lists, personas' group-visible fields.
bool can_read_content(Privacy privacy, const GroupViewer& viewer);
// Post a thread or a reply, react, follow.
bool can_participate(Privacy privacy, const GroupViewer& viewer);

enum class JoinPath { none, join_directly, request, invite_only, already_member, pending, banned };
// How this viewer could join: public groups directly, private ones by request, hidden
// ones only with an invite (checked separately).
JoinPath join_path(Privacy privacy, const GroupViewer& viewer);

// Approve or decline requests, pin, lock (moderators and up, active).
bool can_moderate(const GroupViewer& viewer);
// Settings, rules, invites, roles (admins and the owner, active).
bool can_manage(const GroupViewer& viewer);
// May `manager` give `target` (currently `from`) the role `to`? Owners can do anything but
// leave the group without an owner; admins manage members and moderators only.
bool can_change_role(const GroupViewer& manager, Role from, Role to, bool target_is_self);

// May the viewer see a persona's field with this audience? `is_self`: the persona is the
// viewer's own. `viewer_is_member`: an active member of the persona's group.
bool can_see_field(Audience audience, bool is_self, bool viewer_is_member, bool viewer_can_see_group);

// Anonymous posts show no author to anyone but the author themselves.
bool can_see_author(bool post_is_anonymous, bool viewer_is_author);
// Edit history: the author and the group's moderators.
bool can_see_revisions(const GroupViewer& viewer, bool viewer_is_author);
// Only the author edits or removes their own post (moderation comes with its own tools).
bool can_edit_post(const GroupViewer& viewer, bool viewer_is_author, bool post_removed);
bool can_reply(Privacy privacy, const GroupViewer& viewer, bool thread_locked);

}  // namespace hearth
