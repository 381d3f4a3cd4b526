#include "policy/context_notes.hpp"

#include "domain/context_note.hpp"

namespace hearth {

bool can_write_note(Privacy privacy, const GroupViewer& viewer, bool viewer_verified) {
  if (!can_participate(privacy, viewer)) return false;
  return viewer_verified || can_moderate(viewer);
}

bool can_rate_note(Privacy privacy, const GroupViewer& viewer, bool viewer_wrote_note) {
  return can_participate(privacy, viewer) && !viewer_wrote_note;
}

bool can_see_pending_notes(Privacy privacy, const GroupViewer& viewer) {
  return can_participate(privacy, viewer) || can_moderate(viewer);
}

bool can_moderate_notes(const GroupViewer& viewer) { return can_moderate(viewer); }

bool note_is_shown(bool author_shows_badge, int64_t helpful, int64_t not_helpful) {
  if (author_shows_badge) return true;
  return helpful >= min_helpful_ratings && helpful > not_helpful;
}

bool shows_badge_on_post(bool post_is_anonymous) { return !post_is_anonymous; }

}  // namespace hearth
