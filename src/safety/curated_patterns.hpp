#pragma once
// The curated phrase lists of data/ (crisis language, hurtful language), compiled once.
//
// File format (one phrase per line, curated syntax of phrase.hpp):
//   # a comment
//   $name = (i am|im|i'm)      a shorthand, used as $name in the lines after it
//   [section]                  the lines below belong to this section (e.g. "suicide")
//   i want to die              a phrase
//   except: die laughing       an exception: a phrase match that overlaps it doesn't count
// See docs/filters.md for the lists and how to extend them to another language.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "safety/pattern_set.hpp"

namespace hearth::safety {

struct CuratedEntry {
  std::string file;
  int line = 0;
  std::string section;
  std::string phrase;  // with shorthands expanded
  bool exception = false;
};

struct CuratedMatch {
  const CuratedEntry* entry = nullptr;
  Span original;
  Span normalized;
};

// Reads one list file; an error names the file and line.
Result<std::vector<CuratedEntry>> parse_curated_list(std::string_view text, std::string_view file);

class CuratedPatterns {
 public:
  // Every embedded file under `directory` ("crisis/"). A broken embedded list is a
  // programming error (the tests compile every list): this throws, naming file and line.
  static CuratedPatterns load(std::string_view directory);
  static Result<CuratedPatterns> from_entries(std::vector<CuratedEntry> entries);

  // Matches that no exception overlaps, in text order.
  std::vector<CuratedMatch> find(const NormalizedText& text) const;
  const std::vector<CuratedEntry>& entries() const { return *entries_; }

 private:
  std::shared_ptr<const std::vector<CuratedEntry>> entries_;
  std::shared_ptr<const PatternSet> set_;
};

}  // namespace hearth::safety
