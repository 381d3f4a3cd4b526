#pragma once
// Members' ratings of context notes: helpful or not, one per account and note, changeable.
// Who rated what is never shown to anyone; pages show counts only.
#include <map>
#include <optional>

#include "domain/context_note.hpp"
#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::note_ratings {

// Sets (or changes) the account's rating of the note.
void rate(Connection& c, NoteId note, GroupId group, AccountId account, bool helpful, UnixMillis at);
// Takes the account's rating back; false when there was none.
bool unrate(Connection& c, NoteId note, AccountId account);
std::optional<bool> rating_of(Connection& c, NoteId note, AccountId account);
// The account's ratings of the notes on one post: note → helpful.
std::map<NoteId, bool> ratings_on_post(Connection& c, GroupId group, PostId post, AccountId account);

}  // namespace hearth::note_ratings
