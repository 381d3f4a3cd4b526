#pragma once
// Context notes: a few plain sentences with sources, attached to a post by a verified member
// or a moderator, rated by the group's members. Notes correct misinformation in the open
// instead of deleting it silently.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hearth {

using NoteId = int64_t;

inline constexpr std::size_t min_note_length = 10;
inline constexpr std::size_t max_note_length = 1000;
inline constexpr std::size_t max_note_sources = 5;
inline constexpr std::size_t max_source_length = 500;
// A note by a member whose persona doesn't show a verified badge is shown under the post once
// at least this many members rated it helpful, and more found it helpful than not.
inline constexpr int64_t min_helpful_ratings = 3;

struct NoteDraft {
  std::string body;
  std::vector<std::string> sources;
};
// Trims the body (plain text, line breaks kept) and the sources; 1–5 distinct addresses,
// each http:// or https:// with a host name and no login part ("user@").
Result<NoteDraft> validate_note(NoteDraft draft);
// Is this a source address we link to? (http or https, a host with a dot, nothing odd.)
bool is_valid_source_url(std::string_view url);
// The host of a valid source, for the link text: "www.nhs.uk".
std::string source_host(std::string_view url);
// Sources as one text field holds them: one per line (blank lines and spaces ignored).
std::vector<std::string> split_sources(std::string_view text);

}  // namespace hearth
