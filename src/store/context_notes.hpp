#pragma once
// Context notes on posts, and the "needs context" label moderators put on posts.
//
// ANONYMITY: `Note::author_account_id` is INTERNAL: it exists so that actions can tell the
// viewer's own note (no rating one's own note, "you wrote this") and must never be rendered
// or serialised. Notes are shown without an author; what a note says about who wrote it is
// only `author_badge` (the badge the author's persona in the group shows now, if any) and
// `by_moderator`.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/context_note.hpp"
#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "domain/verification.hpp"
#include "store/database.hpp"

namespace hearth::context_notes {

struct NewNote {
  NoteId id = 0;
  GroupId group_id = 0;
  ThreadId thread_id = 0;
  PostId post_id = 0;
  AccountId author_account_id = 0;
  PersonaId author_persona_id = 0;
  bool by_moderator = false;
  NoteDraft draft;
  UnixMillis at = 0;
};
void insert(Connection& c, const NewNote& note);

struct Note {
  NoteId id = 0;
  GroupId group_id = 0;
  ThreadId thread_id = 0;
  PostId post_id = 0;
  AccountId author_account_id = 0;  // INTERNAL — see the top of this file
  PersonaId author_persona_id = 0;  // INTERNAL as well: for moderators' eyes through actions only
  bool by_moderator = false;
  std::string body;
  std::vector<std::string> sources;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> removed_at;
  int64_t helpful = 0;
  int64_t not_helpful = 0;
  std::optional<Badge> author_badge;  // the author's persona shows this verified badge now
};
// With ratings and the author's badge; removed notes too (callers decide).
std::optional<Note> find(Connection& c, NoteId id);
// A thread's notes that are not removed, oldest first.
std::vector<Note> in_thread(Connection& c, GroupId group, ThreadId thread);
// A post's notes that are not removed, oldest first.
std::vector<Note> on_post(Connection& c, GroupId group, PostId post);
// The author already has a note on the post (not removed): one note per author and post.
bool has_note_by(Connection& c, GroupId group, PostId post, AccountId author);
void mark_removed(Connection& c, NoteId id, AccountId moderator, UnixMillis at);

// --- "Needs context" ---
// True when the label was added (false: it was already there).
bool label(Connection& c, GroupId group, ThreadId thread, PostId post, AccountId moderator, UnixMillis at);
// True when a label was removed.
bool unlabel(Connection& c, GroupId group, PostId post);
bool is_labelled(Connection& c, GroupId group, PostId post);
std::set<PostId> labelled_in_thread(Connection& c, GroupId group, ThreadId thread);

}  // namespace hearth::context_notes
