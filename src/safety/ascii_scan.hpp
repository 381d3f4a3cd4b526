#pragma once
// Small helpers for the scanners that read the original text byte by byte (personal
// details, names). Bytes of multi-byte UTF-8 characters count as letters, so "Zoë" is one
// word and a scanner never stops inside a character.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::safety::scan {

inline bool digit(char c) {
  return c >= '0' && c <= '9';
}
inline bool upper(char c) {
  return c >= 'A' && c <= 'Z';
}
inline bool lower_letter(char c) {
  return c >= 'a' && c <= 'z';
}
inline bool alpha(char c) {
  return lower_letter(c) || upper(c) || static_cast<unsigned char>(c) >= 0x80;
}
inline bool alnum(char c) {
  return digit(c) || alpha(c);
}
inline char lower(char c) {
  return upper(c) ? static_cast<char>(c + 32) : c;
}

inline std::string lowered(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

inline bool word_start(std::string_view t, std::size_t i) {
  return i == 0 || !alnum(t[i - 1]);
}
inline bool word_end(std::string_view t, std::size_t i) {
  return i >= t.size() || !alnum(t[i]);
}

inline std::size_t skip_spaces(std::string_view t, std::size_t i) {
  while (i < t.size() && t[i] == ' ') ++i;
  return i;
}

// Length of the letters starting at i.
inline std::size_t word_length(std::string_view t, std::size_t i) {
  std::size_t j = i;
  while (j < t.size() && alpha(t[j])) ++j;
  return j - i;
}

// Length of the number (at most max_digits, not followed by another digit) starting at i,
// or 0; its value in `value`.
inline std::size_t number_length(std::string_view t, std::size_t i, std::size_t max_digits, int& value) {
  value = 0;
  std::size_t j = i;
  while (j < t.size() && digit(t[j]) && j - i < max_digits) value = value * 10 + (t[j++] - '0');
  return j == i || (j < t.size() && digit(t[j])) ? 0 : j - i;
}

// Keywords (lower case) indexed by their first letter, so that one pass over a text's words
// finds them all at the cost of a look-up per word.
class KeywordIndex {
 public:
  template <class Keywords>
  explicit KeywordIndex(const Keywords& keywords) {
    for (std::string_view k : keywords) by_letter_[static_cast<unsigned char>(k[0]) % 128].push_back(k);
  }

  // Calls at_end(position after the keyword) for every whole-word occurrence in the
  // lower-cased text.
  template <class F>
  void each(std::string_view low, F&& at_end) const {
    for (std::size_t i = 0; i < low.size(); ++i) {
      const auto c = static_cast<unsigned char>(low[i]);
      if (c >= 128 || by_letter_[c].empty() || !word_start(low, i)) continue;
      for (std::string_view k : by_letter_[c]) {
        if (low.substr(i, k.size()) == k && word_end(low, i + k.size())) at_end(i + k.size());
      }
    }
  }

 private:
  std::array<std::vector<std::string_view>, 128> by_letter_;
};

}  // namespace hearth::safety::scan
