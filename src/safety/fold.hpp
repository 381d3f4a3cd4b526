#pragma once
// Folding one Unicode character for matching: lower case, accents off, compatibility forms
// (full-width, ligatures, mathematical and enclosed letters, small capitals) to plain
// letters. A small table of our own covers the ranges that matter for obfuscated English
// and other Latin, Greek and Cyrillic text; see docs/filters.md for what is covered.
#include <cstdint>
#include <string_view>

namespace hearth::safety {

enum class CharKind : uint8_t {
  letter,
  digit,
  leet_symbol,  // @ $ ! | — letters in disguise when they sit inside a word
  joiner,       // apostrophes: "don't" is one word, "dont"
  separator,    // spaces, punctuation, symbols, emoji
  invisible,    // zero-width and formatting characters: dropped
  mark,         // combining accents: dropped, their span joins the letter before
  ideograph,    // CJK ideographs and kana: each is a word of its own
};

struct Folded {
  CharKind kind = CharKind::separator;
  // For Greek and Cyrillic letters that look like a Latin one (Cyrillic "а", Greek "Ι"):
  // that Latin letter, used when they hide inside an otherwise Latin word.
  char lookalike = 0;
  bool sentence_end = false;  // . ! ? ; and their full-width forms
  uint8_t size = 0;
  char text[7] = {};  // the folded character(s), lower-case UTF-8 (e.g. "ffi" for U+FB03)

  std::string_view view() const { return {text, size}; }
};

Folded fold_char(char32_t cp);
// The same for an ASCII character (c < 0x80), from a table: no work per character.
const Folded& fold_ascii(unsigned char c);

}  // namespace hearth::safety
