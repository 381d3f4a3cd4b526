#pragma once
// Crisis language (data/crisis/*.txt: suicide, self-harm, intent to harm others). A match
// never holds a post back — silencing people in crisis harms them. The finding tells the
// caller to publish, show the author the crisis lines of their region (and of the group's),
// and raise a high-priority item to the group's moderators.
#include "safety/curated_patterns.hpp"
#include "safety/filter.hpp"

namespace hearth::safety {

class CrisisFilter final : public Filter {
 public:
  CrisisFilter();  // the embedded lists
  explicit CrisisFilter(CuratedPatterns patterns) : patterns_(std::move(patterns)) {}

  std::string_view name() const override { return "crisis"; }
  void check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const override;

  // Whether a search query contains crisis language: the same lists, plus the plain words
  // of the [search] section ("suicide", "overdose").
  bool in_search_query(std::string_view query) const;
  // The matches in posts (the [search] section left out), for tests and corpora.
  std::vector<CuratedMatch> find(const NormalizedText& text) const;

 private:
  CuratedPatterns patterns_;
};

inline constexpr std::string_view crisis_message =
    "It sounds like you're going through something really painful. You don't have to face it alone: "
    "the people below are there to listen, day or night. If you are in danger right now, please call "
    "your local emergency number.";

}  // namespace hearth::safety
