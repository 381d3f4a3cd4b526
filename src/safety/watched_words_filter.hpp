#pragma once
// Watched words: the platform's list and a group's list, compiled once per version, and the
// filter that applies them. Each entry carries its action (block, hold, flag, censor).
#include <memory>
#include <optional>
#include <vector>

#include "safety/filter.hpp"
#include "safety/pattern_set.hpp"
#include "store/watched_words.hpp"

namespace hearth::safety {

struct WatchedList {
  std::optional<GroupId> group;  // none: the platform's list
  int64_t version = 0;
  std::vector<WatchedWord> entries;
  std::shared_ptr<const PatternSet> patterns;  // match ids index `entries`
  std::vector<int64_t> unusable;               // entries left out because they could not compile

  static std::shared_ptr<const WatchedList> compile(std::optional<GroupId> group, int64_t version,
                                                    std::vector<WatchedWord> entries);
};

class WatchedWordsFilter final : public Filter {
 public:
  explicit WatchedWordsFilter(std::vector<std::shared_ptr<const WatchedList>> lists) : lists_(std::move(lists)) {}
  std::string_view name() const override { return "watched_words"; }
  // One finding per entry that matched, with every place it matched.
  void check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const override;

 private:
  std::vector<std::shared_ptr<const WatchedList>> lists_;
};

inline constexpr std::string_view watched_block_message =
    "This includes words that can't be posted here. Please change the highlighted words and try again.";
inline constexpr std::string_view watched_hold_message =
    "Thank you. A moderator will read this before it appears; you'll see it in the conversation once they have.";
inline constexpr std::string_view watched_censor_message = "Some words were hidden because they can't be shown here.";

}  // namespace hearth::safety
