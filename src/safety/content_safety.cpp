#include "safety/content_safety.hpp"

#include <functional>

namespace hearth::safety {
namespace {

// Mute-word lists carry no version: a fingerprint of their entries stands in for one.
uint64_t fingerprint(const std::vector<MuteWord>& words) {
  uint64_t hash = 1469598103934665603ULL;
  for (const MuteWord& w : words) {
    hash ^= std::hash<std::string>{}(w.phrase) + 0x9e3779b97f4a7c15ULL + (hash << 6) + (hash >> 2);
    hash ^= static_cast<uint64_t>(w.id);
  }
  return hash ^ words.size();
}

// The curated lists are the same for every ContentSafety of the process; compiling them
// takes about half a second, so it happens once.
template <class T>
std::shared_ptr<const T> embedded() {
  static const auto filter = std::make_shared<const T>();
  return filter;
}

}  // namespace

ContentSafety::ContentSafety(ContentSafetyOptions options)
    : crisis_(embedded<CrisisFilter>()),
      kindness_(embedded<KindnessFilter>()),
      third_party_(embedded<ThirdPartyGuard>()),
      watched_cache_(options.watched_lists_cached),
      mute_cache_(options.mute_lists_cached) {}

std::vector<std::shared_ptr<const WatchedList>> ContentSafety::watched_lists(Connection& c,
                                                                             std::optional<GroupId> group) const {
  const watched_words::Versions versions = watched_words::versions(c, group);
  const auto compiled = [&](std::optional<GroupId> scope, int64_t version) {
    return watched_cache_.get(scope.value_or(0), static_cast<uint64_t>(version), [&] {
      // A list that never changed is empty: no need to ask the database.
      return WatchedList::compile(scope, version,
                                  version == 0 ? std::vector<WatchedWord>{} : watched_words::list(c, scope));
    });
  };
  std::vector<std::shared_ptr<const WatchedList>> lists{compiled(std::nullopt, versions.platform)};
  if (group) lists.push_back(compiled(group, versions.group));
  return lists;
}

Verdict ContentSafety::check(Connection& c, const FilterInput& input) const {
  return check(input, watched_lists(c, input.group_id));
}

Verdict ContentSafety::check(const FilterInput& input, std::vector<std::shared_ptr<const WatchedList>> lists) const {
  const FilterChain chain({crisis_, std::make_shared<WatchedWordsFilter>(std::move(lists)), third_party_, kindness_});
  return chain.run(input);
}

std::shared_ptr<const MuteMatcher> ContentSafety::mute_matcher(AccountId account,
                                                               const std::vector<MuteWord>& words) const {
  return mute_cache_.get(account, fingerprint(words), [&] { return MuteMatcher::compile(words); });
}

}  // namespace hearth::safety
