#include "safety/curated_patterns.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "core/text.hpp"
#include "safety/embedded_data.hpp"

namespace hearth::safety {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

std::string expand(std::string_view line, const std::map<std::string, std::string>& names, bool& unknown) {
  std::string out;
  for (std::size_t i = 0; i < line.size();) {
    if (line[i] != '$' || i + 1 >= line.size() || !is_name_char(line[i + 1])) {
      out += line[i++];
      continue;
    }
    std::size_t j = i + 1;
    while (j < line.size() && is_name_char(line[j])) ++j;
    const auto found = names.find(std::string(line.substr(i + 1, j - i - 1)));
    if (found == names.end()) {
      unknown = true;
      return out;
    }
    out += found->second;
    i = j;
  }
  return out;
}

Error line_error(std::string_view file, int line, const std::string& why) {
  return make_error(ErrorCode::invalid_input, std::string(file) + ":" + std::to_string(line) + ": " + why);
}

// Spans without the spaces around the words, so neighbouring phrases don't overlap.
bool overlaps(const Span& a, const Span& b) {
  return a.begin + 1 < b.end - 1 && b.begin + 1 < a.end - 1;
}

}  // namespace

Result<std::vector<CuratedEntry>> parse_curated_list(std::string_view text, std::string_view file) {
  std::vector<CuratedEntry> entries;
  std::map<std::string, std::string> names;
  std::string section;
  int number = 0;
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t newline = std::min(text.find('\n', at), text.size());
    const std::string_view line = trim(text.substr(at, newline - at));
    at = newline + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = std::string(line.substr(1, line.size() - 2));
      continue;
    }
    bool unknown = false;
    const std::size_t equals = line.find('=');
    if (line.front() == '$' && equals != std::string_view::npos) {
      const std::string name(trim(line.substr(1, equals - 1)));
      names[name] = expand(trim(line.substr(equals + 1)), names, unknown);
      if (unknown) return line_error(file, number, "unknown shorthand");
      continue;
    }
    CuratedEntry entry{std::string(file), number, section, {}, line.starts_with("except:")};
    entry.phrase = expand(entry.exception ? trim(line.substr(7)) : line, names, unknown);
    if (unknown) return line_error(file, number, "unknown shorthand");
    if (section.empty()) return line_error(file, number, "a phrase before any [section]");
    if (auto e = phrase_expressions(entry.phrase, PhraseSyntax::curated); !e) {
      return line_error(file, number, e.error().message);
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

Result<CuratedPatterns> CuratedPatterns::from_entries(std::vector<CuratedEntry> entries) {
  std::vector<PatternSpec> specs;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    specs.push_back({static_cast<uint32_t>(i), entries[i].phrase, PhraseSyntax::curated});
  }
  Result<std::shared_ptr<const PatternSet>> set = PatternSet::compile(specs);
  if (!set) return set.error();
  CuratedPatterns patterns;
  patterns.entries_ = std::make_shared<const std::vector<CuratedEntry>>(std::move(entries));
  patterns.set_ = set.value();
  return patterns;
}

CuratedPatterns CuratedPatterns::load(std::string_view directory) {
  std::vector<CuratedEntry> all;
  for (const EmbeddedFile& file : embedded_files_under(directory)) {
    Result<std::vector<CuratedEntry>> entries = parse_curated_list(file.text, file.path);
    if (!entries) throw std::logic_error("safety: " + entries.error().message);
    all.insert(all.end(), entries->begin(), entries->end());
  }
  Result<CuratedPatterns> patterns = from_entries(std::move(all));
  if (!patterns) throw std::logic_error("safety: " + std::string(directory) + ": " + patterns.error().message);
  return std::move(patterns.value());
}

std::vector<CuratedMatch> CuratedPatterns::find(const NormalizedText& text) const {
  std::vector<CuratedMatch> positives;
  std::vector<Span> exceptions;
  for (const PatternMatch& m : set_->scan(text)) {
    const CuratedEntry& entry = (*entries_)[m.id];
    if (entry.exception) {
      exceptions.push_back(m.normalized);
    } else {
      positives.push_back({&entry, m.original, m.normalized});
    }
  }
  std::erase_if(positives, [&](const CuratedMatch& p) {
    return std::any_of(exceptions.begin(), exceptions.end(), [&](const Span& e) { return overlaps(p.normalized, e); });
  });
  std::sort(positives.begin(), positives.end(),
            [](const CuratedMatch& a, const CuratedMatch& b) { return a.original.begin < b.original.begin; });
  return positives;
}

}  // namespace hearth::safety
