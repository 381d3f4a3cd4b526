#include "safety/pattern_set.hpp"

#include <hs/hs.h>

#include <algorithm>
#include <stdexcept>

namespace hearth::safety {
namespace {

struct Compiled {
  std::vector<std::string> expressions;
  std::vector<unsigned> ids;  // 0, 1, 2 …: Vectorscan's ids are indexes into PatternSet::compiled_
};

struct ScanContext {
  const NormalizedText* text = nullptr;
  const std::string* data = nullptr;
  const std::vector<std::pair<uint32_t, bool>>* compiled = nullptr;  // (caller's id, open end)
  std::vector<PatternMatch>* out = nullptr;
};

int on_match(unsigned index, unsigned long long from, unsigned long long to, unsigned, void* context) {
  auto* scan = static_cast<ScanContext*>(context);
  if (scan->out == nullptr) return 1;  // only asked whether anything matches
  const auto [id, open_end] = (*scan->compiled)[index];
  Span normalized{static_cast<std::size_t>(from), static_cast<std::size_t>(to)};
  if (open_end) normalized.end = std::min(scan->data->find(' ', normalized.end), scan->data->size() - 1) + 1;
  for (const PatternMatch& m : *scan->out) {  // the alternate reading may find the same match again
    if (m.id == id && m.normalized == normalized) return 0;
  }
  scan->out->push_back({id, normalized, scan->text->original(normalized.begin, normalized.end)});
  return 0;
}

// hs_compile_multi; on failure, the index of the expression at fault (or -1) and why.
hs_database_t* compile_expressions(const Compiled& c, int& failed, std::string& why) {
  std::vector<const char*> expressions;
  for (const std::string& e : c.expressions) expressions.push_back(e.c_str());
  const std::vector<unsigned> flags(c.expressions.size(), HS_FLAG_SOM_LEFTMOST);
  hs_database_t* database = nullptr;
  hs_compile_error_t* error = nullptr;
  if (hs_compile_multi(expressions.data(), flags.data(), c.ids.data(), static_cast<unsigned>(expressions.size()),
                       HS_MODE_BLOCK, nullptr, &database, &error) != HS_SUCCESS) {
    failed = error->expression;
    why = error->message;
    hs_free_compile_error(error);
    return nullptr;
  }
  return database;
}

}  // namespace

Result<std::shared_ptr<const PatternSet>> PatternSet::compile(const std::vector<PatternSpec>& patterns) {
  Compiled c;
  std::vector<std::pair<uint32_t, bool>> compiled;
  std::vector<const PatternSpec*> owners;  // the entry each expression came from
  for (const PatternSpec& p : patterns) {
    Result<std::vector<std::string>> expressions = phrase_expressions(p.phrase, p.syntax);
    if (!expressions) {
      return make_error(ErrorCode::invalid_input, "\"" + p.phrase + "\": " + expressions.error().message);
    }
    for (std::string& e : expressions.value()) {
      const bool open_end = !e.ends_with(' ');
      c.ids.push_back(static_cast<unsigned>(c.expressions.size()));
      c.expressions.push_back(std::move(e));
      compiled.emplace_back(p.id, open_end);
      owners.push_back(&p);
    }
  }
  std::shared_ptr<PatternSet> set(new PatternSet());
  set->compiled_ = std::move(compiled);
  set->size_ = patterns.size();
  if (c.expressions.empty()) return std::shared_ptr<const PatternSet>(set);
  int failed = -1;
  std::string why;
  set->database_ = compile_expressions(c, failed, why);
  if (set->database_ == nullptr) {
    const std::string which = failed >= 0 ? "\"" + owners[static_cast<std::size_t>(failed)]->phrase + "\": " : "";
    return make_error(ErrorCode::invalid_input, which + "this entry can't be used (" + why + ").");
  }
  if (hs_alloc_scratch(set->database_, &set->prototype_) != HS_SUCCESS) {
    throw std::runtime_error("safety: could not allocate Vectorscan scratch space");
  }
  return std::shared_ptr<const PatternSet>(set);
}

std::shared_ptr<const PatternSet> PatternSet::compile_usable(const std::vector<PatternSpec>& patterns,
                                                             std::vector<uint32_t>* skipped) {
  std::vector<PatternSpec> usable;
  for (const PatternSpec& p : patterns) {
    if (phrase_expressions(p.phrase, p.syntax)) {
      usable.push_back(p);
    } else if (skipped != nullptr) {
      skipped->push_back(p.id);
    }
  }
  // Vectorscan may still refuse a phrase the parser accepted (say, one too large to
  // compile): leave that one out and try again.
  while (true) {
    Result<std::shared_ptr<const PatternSet>> set = compile(usable);
    if (set) return set.value();
    const std::string& message = set.error().message;
    const auto bad = std::find_if(usable.begin(), usable.end(),
                                  [&](const PatternSpec& p) { return message.starts_with("\"" + p.phrase + "\": "); });
    if (bad == usable.end()) throw std::runtime_error("safety: a word list failed to compile: " + message);
    if (skipped != nullptr) skipped->push_back(bad->id);
    usable.erase(bad);
  }
}

PatternSet::~PatternSet() {
  for (hs_scratch_t* scratch : pool_) hs_free_scratch(scratch);
  if (prototype_ != nullptr) hs_free_scratch(prototype_);
  if (database_ != nullptr) hs_free_database(database_);
}

hs_scratch* PatternSet::acquire_scratch() const {
  {
    const std::lock_guard lock(pool_mutex_);
    if (!pool_.empty()) {
      hs_scratch_t* scratch = pool_.back();
      pool_.pop_back();
      return scratch;
    }
  }
  hs_scratch_t* scratch = nullptr;
  if (hs_clone_scratch(prototype_, &scratch) != HS_SUCCESS) {
    throw std::runtime_error("safety: could not allocate Vectorscan scratch space");
  }
  return scratch;
}

void PatternSet::release_scratch(hs_scratch* scratch) const {
  const std::lock_guard lock(pool_mutex_);
  pool_.push_back(scratch);
}

bool PatternSet::run(const NormalizedText& text, const std::string& data, std::vector<PatternMatch>* out) const {
  if (database_ == nullptr || data.empty()) return false;
  hs_scratch_t* scratch = acquire_scratch();
  ScanContext context{&text, &data, &compiled_, out};
  const hs_error_t status =
      hs_scan(database_, data.data(), static_cast<unsigned>(data.size()), 0, scratch, on_match, &context);
  release_scratch(scratch);
  if (status != HS_SUCCESS && status != HS_SCAN_TERMINATED) {
    throw std::runtime_error("safety: Vectorscan scan failed with code " + std::to_string(status));
  }
  return status == HS_SCAN_TERMINATED;
}

std::vector<PatternMatch> PatternSet::scan(const NormalizedText& text) const {
  std::vector<PatternMatch> matches;
  run(text, text.text(), &matches);
  run(text, text.alternate(), &matches);
  return matches;
}

bool PatternSet::matches(const NormalizedText& text) const {
  return run(text, text.text(), nullptr) || run(text, text.alternate(), nullptr);
}

}  // namespace hearth::safety
