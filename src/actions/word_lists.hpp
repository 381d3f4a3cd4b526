#pragma once
// The word lists behind the safety filters: a group's watched words (its moderators keep
// them), the platform's (platform admins), a group's "strict" setting for the third-party
// guard (its admins), and each member's own mute words. A change to a watched-word list
// takes effect at the next post on every node (the list's version moves, see
// store/watched_words.hpp). Changes to a group's list are in its moderation log (moderators
// only: the words themselves are never published, so they can't be worked around).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/environment.hpp"
#include "actions/group_lookup.hpp"
#include "core/result.hpp"
#include "store/mute_words.hpp"
#include "store/watched_words.hpp"

namespace hearth {

struct NewWatchedEntry {
  std::string phrase;
  WatchAction action = WatchAction::flag;
  std::string message;  // for the author of a blocked post; empty: the default
};

// A group's list (`group`), or the platform's (none), as its keepers see it.
struct WatchedWordsView {
  std::optional<GroupInView> group;  // none: the platform's list
  std::vector<WatchedWord> words;
  bool strict_third_party = false;  // groups only
  bool can_change_settings = false;  // the group's admins: the strict setting
};
Result<WatchedWordsView> read_watched_words(const ActionEnvironment& env, AccountId account,
                                            std::optional<GroupId> group);

// Adds an entry; the new entry's id. Refused: not a keeper of the list, an unusable phrase
// (field "phrase"), a message too long ("message"), a full list, or a phrase already listed.
Result<int64_t> do_add_watched_word(const ActionEnvironment& env, AccountId account, std::optional<GroupId> group,
                                    const NewWatchedEntry& entry);
Status do_remove_watched_word(const ActionEnvironment& env, AccountId account, std::optional<GroupId> group,
                              int64_t id);

// The group's admins choose whether posts with someone else's details wait for a moderator.
Status do_set_strict_third_party(const ActionEnvironment& env, AccountId account, GroupId group, bool strict);

// A member's own mute words.
std::vector<MuteWord> read_mute_words(const ActionEnvironment& env, AccountId account);
Result<int64_t> do_add_mute_word(const ActionEnvironment& env, AccountId account, std::string_view phrase);
Status do_remove_mute_word(const ActionEnvironment& env, AccountId account, int64_t id);

}  // namespace hearth
