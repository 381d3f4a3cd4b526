#pragma once
// List entries ("phrases") and the Vectorscan expressions they compile to. A phrase is
// matched as whole words in normalised text (normalize.hpp), so case, accents, look-alike
// letters, spacing tricks and stretched letters don't matter to the person writing it.
//
// Two syntaxes:
//  - words: what moderators and members type into a watched-word or mute-word list. Words,
//    matched as they are; a word ending in * also matches longer words that start with it
//    ("idiot*" matches "idiots", "idiotic"). Other punctuation is ignored.
//  - curated: the lists in data/, which need a little more:
//      (a|b c)   one of the alternatives (an alternative may be empty: "(really|)")
//      [x y]     optional words
//      ...       up to three words of any kind, within the same sentence
//      ^         at the start of a phrase: only at the start of a sentence
//    Phrases never match across the end of a sentence.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace hearth::safety {

enum class PhraseSyntax { words, curated };

// Longest list entry a person may type.
inline constexpr std::size_t max_phrase_length = 100;

// The expressions matching `phrase` (any one of them is a match: a short entry becomes a few
// plain literals, which compile and scan fastest). A match starts at the space before the
// first word and ends at the space after the last one, or, when the phrase ends with a
// prefix word ("diet*"), inside that word: the expression then does not end with a space.
// The error says, in plain words, what's wrong.
Result<std::vector<std::string>> phrase_expressions(std::string_view phrase, PhraseSyntax syntax);

// The normalised words of a "words" entry, each with whether it ended in * ("Diet*  plans"
// → {"diet", true}, {"plans", false}).
std::vector<std::pair<std::string, bool>> entry_words(std::string_view phrase);

}  // namespace hearth::safety
