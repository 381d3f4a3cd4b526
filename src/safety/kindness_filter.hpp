#pragma once
// The kindness nudge (data/kindness/*.txt): when a reply or a message contains hurtful
// language, ask the author before publishing — "Would you like to rephrase?" — and let them
// edit, cancel or post anyway.
#include "safety/curated_patterns.hpp"
#include "safety/filter.hpp"

namespace hearth::safety {

class KindnessFilter final : public Filter {
 public:
  KindnessFilter();  // the embedded lists
  explicit KindnessFilter(CuratedPatterns patterns) : patterns_(std::move(patterns)) {}

  std::string_view name() const override { return "kindness"; }
  void check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const override;
  std::vector<CuratedMatch> find(const NormalizedText& text) const { return patterns_.find(text); }

 private:
  CuratedPatterns patterns_;
};

inline constexpr std::string_view kindness_message =
    "Would you like to rephrase? Some words here might hurt the person you're writing to. "
    "You can edit your reply, cancel it, or post it as it is.";

}  // namespace hearth::safety
