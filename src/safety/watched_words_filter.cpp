#include "safety/watched_words_filter.hpp"

#include <map>

#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {

FilterAction action_for(WatchAction action) {
  switch (action) {
    case WatchAction::block:
      return FilterAction::block;
    case WatchAction::hold:
      return FilterAction::hold;
    case WatchAction::flag:
      return FilterAction::flag;
    case WatchAction::censor:
      return FilterAction::censor;
  }
  return FilterAction::flag;
}

std::string message_for(const WatchedWord& word) {
  switch (word.action) {
    case WatchAction::block:
      return word.message.empty() ? std::string(watched_block_message) : word.message;
    case WatchAction::hold:
      return std::string(watched_hold_message);
    case WatchAction::censor:
      return std::string(watched_censor_message);
    case WatchAction::flag:
      return {};  // moderators are told; the author is not
  }
  return {};
}

}  // namespace

std::shared_ptr<const WatchedList> WatchedList::compile(std::optional<GroupId> group, int64_t version,
                                                        std::vector<WatchedWord> entries) {
  auto list = std::make_shared<WatchedList>();
  list->group = group;
  list->version = version;
  std::vector<PatternSpec> specs;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    specs.push_back({static_cast<uint32_t>(i), entries[i].phrase, PhraseSyntax::words});
  }
  std::vector<uint32_t> skipped;
  list->patterns = PatternSet::compile_usable(specs, &skipped);
  for (uint32_t i : skipped) list->unusable.push_back(entries[i].id);
  list->entries = std::move(entries);
  return list;
}

void WatchedWordsFilter::check(const FilterInput&, const NormalizedText& text, std::vector<Finding>& findings) const {
  for (const auto& list : lists_) {
    if (!list || list->entries.empty()) continue;
    std::map<uint32_t, std::vector<Span>> matched;  // by entry, in list order
    for (const PatternMatch& m : list->patterns->scan(text)) matched[m.id].push_back(m.original);
    for (auto& [index, spans] : matched) {
      const WatchedWord& word = list->entries[index];
      Finding f;
      f.filter = std::string(name());
      f.action = action_for(word.action);
      f.spans = merge_spans(std::move(spans));
      f.message = message_for(word);
      f.detail = std::string(list->group ? "watched word" : "platform watched word") + " \"" + word.phrase + "\"";
      f.entry_id = word.id;
      findings.push_back(std::move(f));
    }
  }
}

}  // namespace hearth::safety
