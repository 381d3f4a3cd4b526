#pragma once
// Who may write, see, rate and remove context notes, and when a note shows under its post.
// Pure functions, like policy/group_access.
#include <cstdint>

#include "policy/group_access.hpp"

namespace hearth {

// Verified members (health professionals and trained peer volunteers, whether or not their
// persona here shows the badge) and the group's moderators, while they may take part.
bool can_write_note(Privacy privacy, const GroupViewer& viewer, bool viewer_verified);
// Members who may take part rate notes; never their own.
bool can_rate_note(Privacy privacy, const GroupViewer& viewer, bool viewer_wrote_note);
// Notes still waiting for ratings: the members who may rate them, and the moderators.
bool can_see_pending_notes(Privacy privacy, const GroupViewer& viewer);
// Removing a note and labelling a post "needs context": the group's moderators.
bool can_moderate_notes(const GroupViewer& viewer);

// A note shows under its post for everyone who may read the post once it was written by a
// member whose persona shows a verified badge, or once at least min_helpful_ratings members
// rated it helpful and more found it helpful than not.
bool note_is_shown(bool author_shows_badge, int64_t helpful, int64_t not_helpful);

// A verified badge next to a post's author: never on an anonymous post. An anonymous post
// hides its author among every member of the group; a badge would shrink that crowd to the
// few members who show the same badge, often to one person.
bool shows_badge_on_post(bool post_is_anonymous);

}  // namespace hearth
