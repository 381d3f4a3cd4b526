#pragma once
// The data behind fold.cpp: plain letters for accented and compatibility Latin letters, and
// the Latin letter each Greek or Cyrillic look-alike resembles.
namespace hearth::safety {

// The plain lower-case letter(s) for a Latin letter with an accent, a ligature or a
// compatibility form ("é" → "e", "ß" → "ss", "ﬃ" → "ffi"), or null.
const char* latin_base(char32_t cp);
// The Latin letter a Greek or Cyrillic letter looks like ("Α" → 'a', "р" → 'p'), or 0. For
// letters whose capital and small forms look like different Latin letters (Greek Η and η),
// each form has its own answer.
char greek_lookalike(char32_t cp);
char cyrillic_lookalike(char32_t cp);

}  // namespace hearth::safety
