#include "store/note_ratings.hpp"

namespace hearth::note_ratings {

void rate(Connection& c, NoteId note, GroupId group, AccountId account, bool helpful, UnixMillis at) {
  c.run("INSERT INTO note_ratings (note_id, group_id, account_id, helpful, rated_at) VALUES (?, ?, ?, ?, ?)"
        " ON CONFLICT (note_id, account_id) DO UPDATE SET helpful = excluded.helpful, rated_at = excluded.rated_at",
        {note, group, account, int64_t{helpful}, at});
}

bool unrate(Connection& c, NoteId note, AccountId account) {
  c.run("DELETE FROM note_ratings WHERE note_id = ? AND account_id = ?", {note, account});
  return c.changes() > 0;
}

std::optional<bool> rating_of(Connection& c, NoteId note, AccountId account) {
  const auto found = c.first_i64("SELECT helpful FROM note_ratings WHERE note_id = ? AND account_id = ?",
                                 {note, account});
  if (!found) return std::nullopt;
  return *found != 0;
}

std::map<NoteId, bool> ratings_on_post(Connection& c, GroupId group, PostId post, AccountId account) {
  std::map<NoteId, bool> ratings;
  c.execute("SELECT r.note_id, r.helpful FROM note_ratings r JOIN context_notes n ON n.id = r.note_id"
            " WHERE n.group_id = ? AND n.post_id = ? AND r.account_id = ?",
            {group, post, account}, [&](const Row& r) { ratings.emplace(r.i64(0), r.i64(1) != 0); });
  return ratings;
}

}  // namespace hearth::note_ratings
