#include "safety/mute_matcher.hpp"

namespace hearth::safety {

std::shared_ptr<const MuteMatcher> MuteMatcher::compile(const std::vector<MuteWord>& words) {
  std::vector<PatternSpec> specs;
  for (std::size_t i = 0; i < words.size(); ++i) {
    specs.push_back({static_cast<uint32_t>(i), words[i].phrase, PhraseSyntax::words});
  }
  auto matcher = std::make_shared<MuteMatcher>();
  matcher->patterns_ = PatternSet::compile_usable(specs);
  return matcher;
}

}  // namespace hearth::safety
