#pragma once
// Text as the filters see it. Matching runs on a normalised copy of what a member wrote, so
// that "K I L L", "k.i.l.l", "ｋｉｌｌ", "kiiiill", "k1ll" and "кill" (Cyrillic к) all read
// as "kill", while every normalised byte remembers which bytes of the original it came from,
// so a match can be highlighted (or censored) in the text the member actually wrote.
//
// The normalised text is a sequence of words, each followed by one space, after a leading
// space: " i want to die . of course ". Sentence ends (. ! ? ;) become a " . " word of their
// own, so a phrase never matches across two sentences. Within a word:
//  - letters are folded (fold.hpp): lower case, no accents, compatibility forms plain;
//  - Greek and Cyrillic look-alikes inside an otherwise Latin word become Latin letters
//    (a word written wholly in Cyrillic or Greek stays as it is);
//  - digits and symbols that stand for letters inside a word become those letters
//    (0→o 3→e 4→a 5→s 7→t @→a $→s), except in ordinals and units ("3rd", "10am", "5kg");
//    1 ! | may be an i or an l: text() reads them as i, and alternate() — a second copy of
//    the same length, made only when there are any — as l ("k1ll" → kill, "ki11" → kill);
//  - apostrophes are dropped ("don't" → "dont"), zero-width characters and accents vanish;
//  - a word with a letter repeated three or more times ("stuuupid") has every repeat
//    collapsed and starts with kStretchedMark ("\x01stupid"); patterns accept that form;
//  - three or more single letters in a row, separated by up to three spaces or marks,
//    are joined into one word ("k i l l", "k.i.l.l", "k - i - l - l").
// Ideographs (Chinese, Japanese kana) are words of their own, so list entries in those
// scripts match without spaces between words.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::safety {

// A byte range [begin, end) of a text.
struct Span {
  std::size_t begin = 0;
  std::size_t end = 0;
  bool operator==(const Span&) const = default;
};

inline constexpr char kStretchedMark = '\x01';

class NormalizedText {
 public:
  const std::string& text() const { return text_; }
  // text() with 1 ! | inside words read as l rather than i; empty when there are none.
  const std::string& alternate() const { return alternate_; }
  // The span of the original text that the normalised bytes [begin, end) came from; the
  // spaces and sentence marks at either end of the range are left out.
  Span original(std::size_t begin, std::size_t end) const;

 private:
  friend class Normalizer;
  std::string text_;
  std::string alternate_;
  struct Origin {
    uint32_t begin = 0;  // where the source of a normalised byte starts …
    uint32_t end = 0;    // … and ends in the original text
  };
  std::vector<Origin> origin_;  // one per byte of text_
};

NormalizedText normalize(std::string_view text);

// The normalised words of a list entry or a phrase word, without marks: "Don't  K1LL" →
// {"dont", "kill"}.
std::vector<std::string> normalized_words(std::string_view text);

// A word with each run of one repeated character reduced to one: "kill" → "kil". It is the
// form a stretched word takes in normalised text.
std::string collapse_repeats(std::string_view word);

}  // namespace hearth::safety
