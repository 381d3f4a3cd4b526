#pragma once
// The safety layer's front door: one object, made once at start and shared by every
// request thread (all of it is thread-safe), that checks a title, post, reply or message
// against every filter, tells whether a search query contains crisis language, and matches
// a member's mute words.
//
//   ContentSafety safety;                                     // compiles the curated lists
//   Verdict v = store.read([&](Connection& c) { return safety.check(c, input); });
//   switch (v.decision) { case FilterAction::block: …; case FilterAction::reconsider: …; … }
//   if (v.crisis) { show crisis lines for v.crisis_regions; raise a high-priority item; }
//   if (v.censored_text) { publish *v.censored_text instead of the text; }
//
// Run check() in a read transaction before the write, not inside it: after a list changes,
// its first check compiles it (milliseconds for a thousand words), which must not hold the
// writer.
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "safety/compiled_cache.hpp"
#include "safety/crisis_filter.hpp"
#include "safety/filter_chain.hpp"
#include "safety/kindness_filter.hpp"
#include "safety/mute_matcher.hpp"
#include "safety/third_party_guard.hpp"
#include "safety/watched_words_filter.hpp"
#include "store/database.hpp"

namespace hearth::safety {

struct ContentSafetyOptions {
  std::size_t watched_lists_cached = 2000;  // compiled lists kept in memory (groups + platform)
  std::size_t mute_lists_cached = 5000;     // compiled mute-word lists (members)
};

class ContentSafety {
 public:
  explicit ContentSafety(ContentSafetyOptions options = {});

  // Every filter, in order: crisis, watched words (platform, then group), third-party guard,
  // kindness nudge. Reads the two watched-word list versions (one indexed query); compiles a
  // list only when its version changed.
  Verdict check(Connection& c, const FilterInput& input) const;
  // The same with watched-word lists the caller already has.
  Verdict check(const FilterInput& input, std::vector<std::shared_ptr<const WatchedList>> lists) const;

  // The compiled watched-word lists that apply in `group` (none: direct messages): the
  // platform's, then the group's.
  std::vector<std::shared_ptr<const WatchedList>> watched_lists(Connection& c, std::optional<GroupId> group) const;

  // A search query with crisis language: show the crisis lines with the results.
  bool is_crisis_query(std::string_view query) const { return crisis_->in_search_query(query); }

  // The compiled mute words of a member (cached until their list changes).
  std::shared_ptr<const MuteMatcher> mute_matcher(AccountId account, const std::vector<MuteWord>& words) const;

  const CrisisFilter& crisis_filter() const { return *crisis_; }
  const KindnessFilter& kindness_filter() const { return *kindness_; }
  const ThirdPartyGuard& third_party_guard() const { return *third_party_; }
  uint64_t watched_list_compilations() const { return watched_cache_.builds(); }

 private:
  std::shared_ptr<const CrisisFilter> crisis_;
  std::shared_ptr<const KindnessFilter> kindness_;
  std::shared_ptr<const ThirdPartyGuard> third_party_;
  mutable CompiledCache<WatchedList> watched_cache_;
  mutable CompiledCache<MuteMatcher> mute_cache_;
};

}  // namespace hearth::safety
