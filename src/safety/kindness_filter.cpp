#include "safety/kindness_filter.hpp"

#include "safety/filter_chain.hpp"

namespace hearth::safety {

KindnessFilter::KindnessFilter() : patterns_(CuratedPatterns::load("kindness/")) {}

void KindnessFilter::check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const {
  if (input.kind != ContentKind::reply && input.kind != ContentKind::message) return;
  const std::vector<CuratedMatch> matches = find(text);
  if (matches.empty()) return;
  Finding f;
  f.filter = std::string(name());
  f.action = FilterAction::reconsider;
  f.message = std::string(kindness_message);
  std::vector<Span> spans;
  for (const CuratedMatch& m : matches) {
    spans.push_back(m.original);
    add_detail(f.detail, m.entry->section);
  }
  f.spans = merge_spans(std::move(spans));
  findings.push_back(std::move(f));
}

}  // namespace hearth::safety
