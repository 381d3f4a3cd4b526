#include "safety/third_party_guard.hpp"

#include <algorithm>
#include <array>

#include "safety/ascii_scan.hpp"
#include "safety/embedded_data.hpp"
#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {

using scan::alpha;
using scan::lowered;
using scan::upper;
using scan::word_start;

std::vector<std::string> words_of(std::string_view path) {
  std::vector<std::string> words;
  for (const EmbeddedFile& file : embedded_data_files()) {
    if (file.path != path) continue;
    std::size_t at = 0;
    while (at < file.text.size()) {
      const std::size_t newline = std::min(file.text.find('\n', at), file.text.size());
      const std::string_view line = file.text.substr(at, newline - at);
      at = newline + 1;
      if (line.starts_with('#')) continue;
      for (std::size_t i = 0; i < line.size();) {
        const std::size_t end = std::min(line.find(' ', i), line.size());
        if (end > i) words.emplace_back(line.substr(i, end - i));
        i = end + 1;
      }
    }
  }
  return words;
}

// A name-like word: letters, with an apostrophe or hyphen inside (O'Brien, Smith-Jones).
std::size_t name_length(std::string_view t, std::size_t i) {
  std::size_t j = i;
  while (j < t.size() &&
         (alpha(t[j]) || ((t[j] == '\'' || t[j] == '-') && j > i && j + 1 < t.size() && alpha(t[j + 1])))) {
    ++j;
  }
  return j - i;
}

bool capitalised(std::string_view word) {
  return word.size() >= 2 && upper(word[0]) &&
         std::any_of(word.begin() + 1, word.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

bool is_title(std::string_view word) {
  static constexpr std::array<std::string_view, 7> titles = {"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof"};
  return std::find(titles.begin(), titles.end(), word) != titles.end();
}

bool someone_we_know(const FilterInput& input, const std::string& name) {
  const std::string low = lowered(name);
  for (const auto* names : {&input.author_names, &input.known_names}) {
    for (const std::string& known : *names) {
      if (lowered(known).find(low) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace

ThirdPartyGuard::ThirdPartyGuard()
    : ThirdPartyGuard(words_of("names/first_names.txt"), words_of("names/not_surnames.txt")) {}

ThirdPartyGuard::ThirdPartyGuard(const std::vector<std::string>& first_names,
                                 const std::vector<std::string>& not_surnames)
    : first_names_(first_names.begin(), first_names.end()), not_surnames_(not_surnames.begin(), not_surnames.end()) {}

bool ThirdPartyGuard::is_first_name(std::string_view word) const {
  return capitalised(word) && first_names_.contains(lowered(word));
}

bool ThirdPartyGuard::is_surname(std::string_view word) const {
  return capitalised(word) && !not_surnames_.contains(lowered(word)) && !is_title(word);
}

std::vector<PersonalDetail> ThirdPartyGuard::find_full_names(const FilterInput& input) const {
  const std::string_view t = input.text;
  std::vector<PersonalDetail> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!word_start(t, i) || !upper(t[i])) continue;
    const std::size_t first = name_length(t, i);
    const std::string_view word = t.substr(i, first);
    const bool title = is_title(word);
    if (first == 0 || (!title && !is_first_name(word))) {
      i += first;
      continue;
    }
    // Then one to three more capitalised words: "Sarah Jones", "Mary Ann Smith", "Dr. Patel".
    std::size_t end = i + first;
    std::size_t j = end + (title && end < t.size() && t[end] == '.' ? 1 : 0);
    for (int more = 0; more < 3 && j < t.size() && t[j] == ' '; ++more) {
      const std::size_t length = name_length(t, j + 1);
      if (!is_surname(t.substr(j + 1, length))) break;
      end = j + 1 + length;
      j = end;
    }
    if (end > i + first && !someone_we_know(input, std::string(t.substr(i, end - i)))) {
      found.push_back({DetailKind::full_name, {i, end}});
    }
    i = end;
  }
  return found;
}

std::vector<PersonalDetail> ThirdPartyGuard::find(const FilterInput& input) const {
  std::vector<PersonalDetail> details = find_personal_details(input.text);
  std::vector<PersonalDetail> names = find_full_names(input);
  details.insert(details.end(), names.begin(), names.end());
  std::sort(details.begin(), details.end(),
            [](const PersonalDetail& a, const PersonalDetail& b) { return a.span.begin < b.span.begin; });
  return details;
}

void ThirdPartyGuard::check(const FilterInput& input, const NormalizedText&, std::vector<Finding>& findings) const {
  if (input.kind == ContentKind::message) return;
  const std::vector<PersonalDetail> details = find(input);
  if (details.empty()) return;
  Finding finding;
  finding.filter = std::string(name());
  finding.action = input.strict_third_party ? FilterAction::hold : FilterAction::reconsider;
  finding.message = std::string(input.strict_third_party ? third_party_held_message : third_party_message);
  std::vector<Span> spans;
  for (const PersonalDetail& d : details) {
    spans.push_back(d.span);
    add_detail(finding.detail, detail_kind_label(d.kind));
  }
  finding.spans = merge_spans(std::move(spans));
  findings.push_back(std::move(finding));
}

}  // namespace hearth::safety
