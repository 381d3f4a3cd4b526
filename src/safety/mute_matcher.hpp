#pragma once
// A member's mute words, compiled: does a post contain any of them? Posts that do are
// collapsed behind a "hidden by your mute words" notice for that member only. Matching is on
// normalised text, like watched words, so "Diet", "d i e t" and "DIET" are all hidden by "diet".
#include <memory>
#include <string_view>
#include <vector>

#include "safety/pattern_set.hpp"
#include "store/mute_words.hpp"

namespace hearth::safety {

class MuteMatcher {
 public:
  static std::shared_ptr<const MuteMatcher> compile(const std::vector<MuteWord>& words);

  bool empty() const { return patterns_->size() == 0; }
  bool hides(std::string_view text) const { return !empty() && hides(normalize(text)); }
  bool hides(const NormalizedText& text) const { return patterns_->matches(text); }

 private:
  std::shared_ptr<const PatternSet> patterns_;
};

}  // namespace hearth::safety
