#pragma once
// Checking what a moderator types into a watched-word list, or a member into their mute
// words, before it is stored.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace hearth::safety {

struct ListEntry {
  std::string phrase;  // trimmed, as typed
  std::string key;     // normalised: two entries with the same key are the same entry
};

// A usable entry (words, a trailing * for "starts with", at most max_phrase_length
// characters), or an error for the "phrase" field in plain words.
Result<ListEntry> prepare_list_entry(std::string_view text);

inline constexpr std::size_t max_block_message_length = 300;
inline constexpr std::size_t max_watched_words_per_list = 10'000;
inline constexpr std::size_t max_mute_words = 200;

}  // namespace hearth::safety
