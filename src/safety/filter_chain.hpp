#pragma once
// Runs filters in order over one piece of content and combines what they found. The text
// is normalised once and shared by every filter.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "safety/filter.hpp"

namespace hearth::safety {

struct Verdict {
  FilterAction decision = FilterAction::allow;  // the strongest action that decides
  std::vector<Finding> findings;                // all of them, in filter order
  bool crisis = false;                          // show crisis lines; raise a high-priority item
  std::vector<std::string> crisis_regions;      // the author's region, then the group's (distinct, non-empty)
  std::optional<std::string> censored_text;     // the text with censored spans masked

  bool has(FilterAction action) const;
  // The findings with this action.
  std::vector<const Finding*> with(FilterAction action) const;
  // The distinct messages for the author of the findings with this action, in order.
  std::vector<std::string> messages(FilterAction action) const;
  // Every span of every finding, sorted, overlaps merged: what to highlight.
  std::vector<Span> highlights() const;
};

class FilterChain {
 public:
  explicit FilterChain(std::vector<std::shared_ptr<const Filter>> filters) : filters_(std::move(filters)) {}
  Verdict run(const FilterInput& input) const;
  Verdict run(const FilterInput& input, const NormalizedText& normalized) const;

 private:
  std::vector<std::shared_ptr<const Filter>> filters_;
};

// Adds `label` to a comma-separated list of details unless it is there already.
void add_detail(std::string& detail, std::string_view label);
// Sorted spans with overlapping or touching ones merged.
std::vector<Span> merge_spans(std::vector<Span> spans);
// `text` with every letter and digit inside `spans` replaced by "•", the rest kept, so the
// Markdown around it and the shape of the sentence survive.
std::string mask_spans(std::string_view text, const std::vector<Span>& spans);

}  // namespace hearth::safety
