#pragma once
// A compiled set of phrases (phrase.hpp), scanned in one pass over normalised text with
// Vectorscan. A PatternSet is immutable once compiled: a list that changes is compiled
// into a new set and swapped in whole (shared_ptr), so scans in flight keep the old one.
// Scanning is thread-safe: each scan borrows a scratch space from the set's pool.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "safety/normalize.hpp"
#include "safety/phrase.hpp"

struct hs_database;
struct hs_scratch;

namespace hearth::safety {

struct PatternSpec {
  uint32_t id = 0;  // reported with each match; need not be unique or dense
  std::string phrase;
  PhraseSyntax syntax = PhraseSyntax::words;
};

struct PatternMatch {
  uint32_t id = 0;
  Span normalized;  // in NormalizedText::text(), including the spaces around the words
  Span original;    // in the text as written
};

class PatternSet {
 public:
  // Compiles every phrase; the first one that can't be used is an error that quotes it.
  static Result<std::shared_ptr<const PatternSet>> compile(const std::vector<PatternSpec>& patterns);
  // Compiles the phrases that can be used and leaves the others out (their ids go to
  // `skipped`), so one stored entry gone bad doesn't switch a whole list off.
  static std::shared_ptr<const PatternSet> compile_usable(const std::vector<PatternSpec>& patterns,
                                                          std::vector<uint32_t>* skipped = nullptr);

  // Every match, ordered by where it ends (in the text, then in its alternate reading).
  std::vector<PatternMatch> scan(const NormalizedText& text) const;
  // Whether anything matches; stops at the first match.
  bool matches(const NormalizedText& text) const;
  std::size_t size() const { return size_; }

  PatternSet(const PatternSet&) = delete;
  PatternSet& operator=(const PatternSet&) = delete;
  ~PatternSet();

 private:
  PatternSet() = default;
  hs_scratch* acquire_scratch() const;
  void release_scratch(hs_scratch* scratch) const;
  bool run(const NormalizedText& text, const std::string& data, std::vector<PatternMatch>* out) const;

  // By Vectorscan id: the caller's id, and whether the phrase ends with a prefix word (the
  // match is then extended to that word's end).
  std::vector<std::pair<uint32_t, bool>> compiled_;
  hs_database* database_ = nullptr;  // null for an empty set
  hs_scratch* prototype_ = nullptr;
  std::size_t size_ = 0;
  mutable std::mutex pool_mutex_;
  mutable std::vector<hs_scratch*> pool_;
};

}  // namespace hearth::safety
