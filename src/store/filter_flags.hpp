#pragma once
// What the safety filters hand to a group's moderators: an open flag on a post says which
// filter matched (crisis language, a watched word, someone else's details), the list entry or
// kind of detail, and the words as the author wrote them. Flags show in the moderation queue
// with the post until a moderator acts on it; crisis flags ("someone may be at risk") first.
//
// ANONYMITY: a flag names no author. An anonymous post's flag tells moderators nothing about
// who wrote it that the post itself doesn't.
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::filter_flags {

struct NewFlag {
  GroupId group_id = 0;
  PostId post_id = 0;
  ThreadId thread_id = 0;
  std::string filter;  // "crisis", "watched_words", "third_party", "kindness"
  std::string action;  // "flag", "crisis", "hold", "censor"
  std::string detail;  // for moderators: the list entry, or the kinds of detail found
  std::string words;   // the matched words, as written
  bool at_risk = false;
  UnixMillis at = 0;
};
void insert(Connection& c, const NewFlag& flag);

struct Flag {
  std::string filter;
  std::string action;
  std::string detail;
  std::string words;
  bool at_risk = false;
  UnixMillis created_at = 0;
};
// The post's open flags, oldest first.
std::vector<Flag> open_for(Connection& c, GroupId group_id, PostId post_id);

// Posts with open flags: at risk first, then the oldest.
struct OpenPost {
  PostId post_id = 0;
  ThreadId thread_id = 0;
  bool at_risk = false;
  UnixMillis first_at = 0;
};
std::vector<OpenPost> open_posts(Connection& c, GroupId group_id, int limit);

// Closes the post's open flags (a moderator approved, dismissed or removed it); how many.
int64_t resolve(Connection& c, GroupId group_id, PostId post_id, UnixMillis at);

// The filters' labels for moderators: "Crisis language", "Watched word", …
std::string_view filter_label(std::string_view filter);

}  // namespace hearth::filter_flags
