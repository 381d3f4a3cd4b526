#pragma once
// Private notes the group's moderators keep about a member (their persona) or the author of
// an anonymous post (its handle). Only moderators read them; the member never sees them.
#include <string>
#include <vector>

#include "store/sanctions.hpp"

namespace hearth::moderator_notes {

void add(Connection& c, GroupId group_id, const sanctions::Subject& subject, const std::string& body, AccountId author,
         UnixMillis at);

struct Note {
  std::string body;
  std::string author_name;  // the moderator's persona in the group ("" when they left)
  UnixMillis created_at = 0;
};
// Newest first.
std::vector<Note> about(Connection& c, GroupId group_id, const sanctions::Subject& subject);

}  // namespace hearth::moderator_notes
