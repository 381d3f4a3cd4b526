#pragma once
// A member's personal mute words: posts containing any of them are collapsed behind a
// "hidden by your mute words" notice for that member only (safety/mute_matcher.hpp).
// Entries are checked and normalised by the caller (safety::prepare_list_entry).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "store/database.hpp"

namespace hearth {

struct MuteWord {
  int64_t id = 0;
  std::string phrase;
  UnixMillis created_at = 0;
};

namespace mute_words {

// The member's list, oldest first.
std::vector<MuteWord> list(Connection& c, AccountId account);
int64_t count(Connection& c, AccountId account);
// The new entry's id, or none when the member's list already has an entry with this key.
std::optional<int64_t> add(Connection& c, AccountId account, std::string_view phrase, std::string_view phrase_key,
                           UnixMillis at);
// False when the member has no such entry.
bool remove(Connection& c, AccountId account, int64_t id);

}  // namespace mute_words
}  // namespace hearth
