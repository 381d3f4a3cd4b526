#pragma once
// Watched words: each group's list, and the platform's list (group none), with the action a
// match takes. Every change bumps the list's version in the same transaction; the safety
// layer recompiles a list when its version moves (safety/watched_list_cache.hpp).
// Entries are checked and normalised by the caller (safety::prepare_list_entry).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth {

enum class WatchAction { block, hold, flag, censor };
std::string_view watch_action_name(WatchAction action);  // "block", "hold", "flag", "censor"
std::optional<WatchAction> parse_watch_action(std::string_view name);

struct WatchedWord {
  int64_t id = 0;
  std::optional<GroupId> group_id;  // none: the platform's list
  std::string phrase;
  WatchAction action = WatchAction::flag;
  std::string message;  // for the author of a blocked post; empty: the default message
  UnixMillis created_at = 0;
};

struct NewWatchedWord {
  std::optional<GroupId> group_id;
  std::string phrase;
  std::string phrase_key;
  WatchAction action = WatchAction::flag;
  std::string message;
  std::optional<AccountId> created_by;
  UnixMillis created_at = 0;
};

namespace watched_words {

// The list, oldest entry first.
std::vector<WatchedWord> list(Connection& c, std::optional<GroupId> group);
int64_t count(Connection& c, std::optional<GroupId> group);
// The new entry's id, or none when the list already has an entry with this key.
std::optional<int64_t> add(Connection& c, const NewWatchedWord& word);
// Changes an entry's action and message; false when the list has no such entry.
bool update(Connection& c, std::optional<GroupId> group, int64_t id, WatchAction action, std::string_view message);
// False when the list has no such entry.
bool remove(Connection& c, std::optional<GroupId> group, int64_t id);

// The version of the platform's list and of a group's list, read together: 0 for a list that
// never changed, otherwise a random number that changes with every change.
struct Versions {
  int64_t platform = 0;
  int64_t group = 0;
};
Versions versions(Connection& c, std::optional<GroupId> group);

}  // namespace watched_words
}  // namespace hearth
