#include "safety/crisis_filter.hpp"

#include <algorithm>

#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {
constexpr std::string_view search_section = "search";
}

CrisisFilter::CrisisFilter() : patterns_(CuratedPatterns::load("crisis/")) {}

std::vector<CuratedMatch> CrisisFilter::find(const NormalizedText& text) const {
  std::vector<CuratedMatch> matches = patterns_.find(text);
  std::erase_if(matches, [](const CuratedMatch& m) { return m.entry->section == search_section; });
  return matches;
}

void CrisisFilter::check(const FilterInput&, const NormalizedText& text, std::vector<Finding>& findings) const {
  const std::vector<CuratedMatch> matches = find(text);
  if (matches.empty()) return;
  Finding f;
  f.filter = std::string(name());
  f.action = FilterAction::crisis;
  f.message = std::string(crisis_message);
  std::vector<Span> spans;
  for (const CuratedMatch& m : matches) {
    spans.push_back(m.original);
    add_detail(f.detail, m.entry->section);
  }
  f.spans = merge_spans(std::move(spans));
  findings.push_back(std::move(f));
}

bool CrisisFilter::in_search_query(std::string_view query) const {
  return !patterns_.find(normalize(query)).empty();
}

}  // namespace hearth::safety
