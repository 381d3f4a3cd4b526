#pragma once
// A group's filter settings (migration 0011), and what the filters need to know about the
// conversation a post goes into.
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::filter_settings {

// "Strict" groups hold posts with someone else's details for a moderator instead of asking
// the author to reconsider. Off for a group that never chose.
bool strict_third_party(Connection& c, GroupId group_id);
void set_strict_third_party(Connection& c, GroupId group_id, bool strict);

// The pseudonyms shown in a conversation (authors of its signed posts), at most `limit`:
// the third-party guard never takes them for someone else's full name.
std::vector<std::string> thread_pseudonyms(Connection& c, GroupId group_id, ThreadId thread_id, int limit);

}  // namespace hearth::filter_settings
