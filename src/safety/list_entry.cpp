#include "safety/list_entry.hpp"

#include "core/text.hpp"
#include "safety/phrase.hpp"

namespace hearth::safety {

Result<ListEntry> prepare_list_entry(std::string_view text) {
  const std::string_view phrase = trim(text);
  if (phrase.empty()) return make_error(ErrorCode::invalid_input, "Please type a word or phrase.", "phrase");
  if (!is_valid_utf8(phrase) || has_control_characters(phrase)) {
    return make_error(ErrorCode::invalid_input, "That entry has characters we can't read. Please type it again.",
                      "phrase");
  }
  if (Result<std::vector<std::string>> expression = phrase_expressions(phrase, PhraseSyntax::words); !expression) {
    return make_error(ErrorCode::invalid_input, expression.error().message, "phrase");
  }
  // The key: the normalised words, each keeping its trailing * ("Idiot*" → "idiot*").
  std::string key;
  for (const auto& [word, prefix] : entry_words(phrase)) key += (key.empty() ? "" : " ") + word + (prefix ? "*" : "");
  return ListEntry{std::string(phrase), key};
}

}  // namespace hearth::safety
