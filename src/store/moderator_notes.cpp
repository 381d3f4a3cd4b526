#include "store/moderator_notes.hpp"

#include "core/random.hpp"

namespace hearth::moderator_notes {

void add(Connection& c, GroupId group_id, const sanctions::Subject& subject, const std::string& body, AccountId author,
         UnixMillis at) {
  c.run(
      "INSERT INTO moderator_notes (id, group_id, persona_id, handle, body, author_account_id, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {random_id(), group_id, subject.persona_id ? SqlValue(*subject.persona_id) : SqlValue(nullptr),
       subject.persona_id ? std::string() : subject.handle, body, author, at});
}

std::vector<Note> about(Connection& c, GroupId group_id, const sanctions::Subject& subject) {
  const bool by_persona = subject.persona_id.has_value();
  return c.all<Note>(
      std::string("SELECT n.body, COALESCE(ap.name, ''), n.created_at FROM moderator_notes n"
                  " LEFT JOIN memberships am ON am.group_id = n.group_id AND am.account_id = n.author_account_id"
                  " LEFT JOIN personas ap ON ap.id = am.persona_id WHERE n.group_id = ? AND ")
          .append(by_persona ? "n.persona_id = ?" : "n.persona_id IS NULL AND n.handle = ?")
          .append(" ORDER BY n.created_at DESC, n.id DESC LIMIT 200"),
      {group_id, by_persona ? SqlValue(*subject.persona_id) : SqlValue(subject.handle)}, [](const Row& r) {
        return Note{r.text(0), r.text(1), r.i64(2)};
      });
}

}  // namespace hearth::moderator_notes
