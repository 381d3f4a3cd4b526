#include "safety/filter_chain.hpp"

#include <algorithm>

namespace hearth::safety {

std::string_view filter_action_name(FilterAction action) {
  switch (action) {
    case FilterAction::allow:
      return "allow";
    case FilterAction::flag:
      return "flag";
    case FilterAction::crisis:
      return "crisis";
    case FilterAction::censor:
      return "censor";
    case FilterAction::hold:
      return "hold";
    case FilterAction::reconsider:
      return "reconsider";
    case FilterAction::block:
      return "block";
  }
  return "allow";
}

bool Verdict::has(FilterAction action) const {
  return std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.action == action; });
}

std::vector<const Finding*> Verdict::with(FilterAction action) const {
  std::vector<const Finding*> found;
  for (const Finding& f : findings) {
    if (f.action == action) found.push_back(&f);
  }
  return found;
}

std::vector<std::string> Verdict::messages(FilterAction action) const {
  std::vector<std::string> out;
  for (const Finding* f : with(action)) {
    if (!f->message.empty() && std::find(out.begin(), out.end(), f->message) == out.end()) out.push_back(f->message);
  }
  return out;
}

std::vector<Span> Verdict::highlights() const {
  std::vector<Span> all;
  for (const Finding& f : findings) all.insert(all.end(), f.spans.begin(), f.spans.end());
  return merge_spans(std::move(all));
}

void add_detail(std::string& detail, std::string_view label) {
  for (std::size_t at = 0; at < detail.size();) {
    const std::size_t end = std::min(detail.find(", ", at), detail.size());
    if (std::string_view(detail).substr(at, end - at) == label) return;
    at = end + 2;
  }
  detail += (detail.empty() ? "" : ", ") + std::string(label);
}

std::vector<Span> merge_spans(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty() && s.begin <= merged.back().end) {
      merged.back().end = std::max(merged.back().end, s.end);
    } else {
      merged.push_back(s);
    }
  }
  return merged;
}

std::string mask_spans(std::string_view text, const std::vector<Span>& spans) {
  std::string out;
  out.reserve(text.size() + 16);
  std::size_t at = 0;
  for (const Span& s : merge_spans(spans)) {
    if (s.begin < at || s.end > text.size()) continue;
    out.append(text.substr(at, s.begin - at));
    for (std::size_t i = s.begin; i < s.end; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
        out += static_cast<char>(c);
      } else if ((c & 0xC0) != 0x80) {  // one bullet per character, not per byte
        out += "\u2022";
      }
    }
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

Verdict FilterChain::run(const FilterInput& input) const {
  return run(input, normalize(input.text));
}

Verdict FilterChain::run(const FilterInput& input, const NormalizedText& normalized) const {
  Verdict verdict;
  for (const auto& filter : filters_) filter->check(input, normalized, verdict.findings);
  std::vector<Span> censored;
  for (const Finding& f : verdict.findings) {
    if (f.action == FilterAction::crisis) verdict.crisis = true;
    if (f.action == FilterAction::censor) censored.insert(censored.end(), f.spans.begin(), f.spans.end());
    if (f.action == FilterAction::reconsider && input.author_confirmed) continue;
    verdict.decision = std::max(verdict.decision, f.action);
  }
  if (!censored.empty()) verdict.censored_text = mask_spans(input.text, censored);
  if (verdict.crisis) {
    for (const std::string& region : {input.author_region, input.group_region}) {
      if (!region.empty() && std::find(verdict.crisis_regions.begin(), verdict.crisis_regions.end(), region) ==
                                 verdict.crisis_regions.end()) {
        verdict.crisis_regions.push_back(region);
      }
    }
  }
  return verdict;
}

}  // namespace hearth::safety
