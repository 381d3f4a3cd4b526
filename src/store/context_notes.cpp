#include "store/context_notes.hpp"

namespace hearth::context_notes {
namespace {

std::string joined(const std::vector<std::string>& sources) {
  std::string text;
  for (const auto& s : sources) {
    if (!text.empty()) text += '\n';
    text += s;
  }
  return text;
}

// The note with its rating counts and the badge its author's persona shows now (the badge
// row must belong to the note's author: a badge is never borrowed from another account).
constexpr std::string_view select_notes =
    "SELECT n.id, n.group_id, n.thread_id, n.post_id, n.author_account_id, n.author_persona_id, n.by_moderator,"
    " n.body, n.sources, n.created_at, n.removed_at,"
    " (SELECT COUNT(*) FROM note_ratings r WHERE r.note_id = n.id AND r.helpful = 1),"
    " (SELECT COUNT(*) FROM note_ratings r WHERE r.note_id = n.id AND r.helpful = 0),"
    " v.kind, v.profession"
    " FROM context_notes n"
    " LEFT JOIN persona_badges b ON b.persona_id = n.author_persona_id AND b.account_id = n.author_account_id"
    " LEFT JOIN verifications v ON v.account_id = b.account_id AND v.revoked_at IS NULL";

Note note_of(const Row& r) {
  Note n;
  n.id = r.i64(0);
  n.group_id = r.i64(1);
  n.thread_id = r.i64(2);
  n.post_id = r.i64(3);
  n.author_account_id = r.i64(4);
  n.author_persona_id = r.i64(5);
  n.by_moderator = r.i64(6) != 0;
  n.body = r.text(7);
  n.sources = split_sources(r.text(8));
  n.created_at = r.i64(9);
  n.removed_at = r.optional_i64(10);
  n.helpful = r.i64(11);
  n.not_helpful = r.i64(12);
  if (!r.is_null(13)) {
    n.author_badge = Badge{parse_verification_kind(r.text(13)).value_or(VerificationKind::peer_volunteer), r.text(14)};
  }
  return n;
}

}  // namespace

void insert(Connection& c, const NewNote& n) {
  c.run(
      "INSERT INTO context_notes (id, group_id, thread_id, post_id, author_account_id, author_persona_id,"
      " by_moderator, body, sources, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {n.id, n.group_id, n.thread_id, n.post_id, n.author_account_id, n.author_persona_id, int64_t{n.by_moderator},
       n.draft.body, joined(n.draft.sources), n.at});
}

std::optional<Note> find(Connection& c, NoteId id) {
  return c.first<Note>(std::string(select_notes) + " WHERE n.id = ?", {id}, note_of);
}

std::vector<Note> in_thread(Connection& c, GroupId group, ThreadId thread) {
  return c.all<Note>(std::string(select_notes) +
                         " WHERE n.group_id = ? AND n.thread_id = ? AND n.removed_at IS NULL ORDER BY n.created_at, n.id",
                     {group, thread}, note_of);
}

std::vector<Note> on_post(Connection& c, GroupId group, PostId post) {
  return c.all<Note>(std::string(select_notes) +
                         " WHERE n.group_id = ? AND n.post_id = ? AND n.removed_at IS NULL ORDER BY n.created_at, n.id",
                     {group, post}, note_of);
}

bool has_note_by(Connection& c, GroupId group, PostId post, AccountId author) {
  return c
      .first_i64("SELECT 1 FROM context_notes WHERE group_id = ? AND post_id = ? AND author_account_id = ?"
                 " AND removed_at IS NULL",
                 {group, post, author})
      .has_value();
}

void mark_removed(Connection& c, NoteId id, AccountId moderator, UnixMillis at) {
  c.run("UPDATE context_notes SET removed_at = ?, removed_by = ? WHERE id = ? AND removed_at IS NULL",
        {at, moderator, id});
}

bool label(Connection& c, GroupId group, ThreadId thread, PostId post, AccountId moderator, UnixMillis at) {
  c.run("INSERT INTO post_context_labels (post_id, group_id, thread_id, labelled_by, labelled_at)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (post_id) DO NOTHING",
        {post, group, thread, moderator, at});
  return c.changes() > 0;
}

bool unlabel(Connection& c, GroupId group, PostId post) {
  c.run("DELETE FROM post_context_labels WHERE group_id = ? AND post_id = ?", {group, post});
  return c.changes() > 0;
}

bool is_labelled(Connection& c, GroupId group, PostId post) {
  return c.first_i64("SELECT 1 FROM post_context_labels WHERE group_id = ? AND post_id = ?", {group, post})
      .has_value();
}

std::set<PostId> labelled_in_thread(Connection& c, GroupId group, ThreadId thread) {
  std::set<PostId> posts;
  c.execute("SELECT post_id FROM post_context_labels WHERE group_id = ? AND thread_id = ?", {group, thread},
            [&](const Row& r) { posts.insert(r.i64(0)); });
  return posts;
}

}  // namespace hearth::context_notes
