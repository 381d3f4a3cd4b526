#include "safety/normalize.hpp"

#include <algorithm>
#include <array>

#include "safety/fold.hpp"

namespace hearth::safety {
namespace {

// One character of the source, folded. `f` points into the ASCII table or into the
// normaliser's own storage for other characters; Unit stays small and is written whole.
struct Unit {
  const Folded* folded = nullptr;
  uint32_t begin = 0;
  uint32_t end = 0;
  const Folded& f() const { return *folded; }
};

// A word: units [first, last). A joined word ("k i l l") also spans the separators between
// its letters, which are skipped when it is written out.
struct Token {
  std::size_t first = 0;
  std::size_t last = 0;
  bool joined = false;
  bool sentence_before = false;
};

char32_t decode(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned c = b(i);
  auto continuation = [&](std::size_t count) {
    for (std::size_t k = 1; k <= count; ++k) {
      if (i + k >= s.size() || (b(i + k) & 0xC0) != 0x80) return false;
    }
    return true;
  };
  length = 1;
  if (c < 0x80) return c;
  if ((c & 0xE0) == 0xC0 && continuation(1)) {
    length = 2;
    return ((c & 0x1F) << 6) | (b(i + 1) & 0x3F);
  }
  if ((c & 0xF0) == 0xE0 && continuation(2)) {
    length = 3;
    return ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
  }
  if ((c & 0xF8) == 0xF0 && continuation(3)) {
    length = 4;
    return ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  }
  return 0xFFFD;  // not UTF-8: a separator
}

bool is_word_unit(const Unit& u) {
  return u.f().kind == CharKind::letter || u.f().kind == CharKind::digit || u.f().kind == CharKind::leet_symbol ||
         u.f().kind == CharKind::joiner;
}

char symbol(const Unit& u) {
  return u.f().kind == CharKind::leet_symbol ? u.f().text[0] : 0;
}
bool is_letter(const Unit& u) {
  return u.f().kind == CharKind::letter;
}

// ASCII units share the table's entries, so the same letter is mostly the same pointer.
bool same_char(const Unit& a, const Unit& b) {
  if (a.folded == b.folded) return true;
  if (a.f().text[0] != b.f().text[0] || a.f().size != b.f().size) return false;
  return a.f().view() == b.f().view();
}

// Ordinals and units keep their digits: "3rd", "10am", "5kg" are not "erd", "ioam", "skg".
bool is_number_with_unit(const std::vector<Unit>& units, const Token& t) {
  std::size_t i = t.first;
  while (i < t.last && units[i].f().kind == CharKind::digit) ++i;
  if (i == t.first || i == t.last) return false;
  std::string suffix;
  for (std::size_t k = i; k < t.last; ++k) {
    if (!is_letter(units[k]) || units[k].f().size != 1) return false;
    suffix += units[k].f().text[0];
  }
  static constexpr std::array<std::string_view, 32> units_list = {
      "st", "nd", "rd", "th", "am", "pm", "s",  "k",  "m",  "h",  "hr",  "hrs", "min", "mins", "yr", "yrs",
      "yo", "kg", "km", "mg", "ml", "g",  "mm", "cm", "ft", "lb", "lbs", "x",   "d",   "w",    "mo", "gb"};
  return std::find(units_list.begin(), units_list.end(), suffix) != units_list.end();
}

// 1 ! | may stand for i or for l: the normalised text reads them as i, its alternate as l.
constexpr char kEyeOrEll = '\x02';

char leet_letter(char c) {
  switch (c) {
    case '0':
      return 'o';
    case '3':
      return 'e';
    case '4':
      return 'a';
    case '5':
      return 's';
    case '7':
      return 't';
    case '@':
      return 'a';
    case '$':
      return 's';
    case '1':
    case '!':
    case '|':
      return kEyeOrEll;
    default:
      return 0;
  }
}

}  // namespace

class Normalizer {
 public:
  explicit Normalizer(std::string_view text) : source_(text) {}

  NormalizedText run() {
    decode_units();
    split_tokens();
    join_spelled_out_words();
    out_.text_.reserve(source_.size() + 16);
    out_.origin_.reserve(source_.size() + 16);
    emit_space(0);
    for (const Token& t : tokens_) {
      if (t.sentence_before && out_.text_.size() > 1) {
        emit('.', last_end_, last_end_);
        emit_space(last_end_);
      }
      emit_token(t);
      emit_space(last_end_);
    }
    if (!ambiguous_.empty()) {
      out_.alternate_ = out_.text_;
      for (std::size_t at : ambiguous_) out_.alternate_[at] = 'l';
    }
    return std::move(out_);
  }

 private:
  void emit(char c, uint32_t begin, uint32_t end) {
    out_.text_.push_back(c);
    out_.origin_.push_back({begin, end});
  }
  void emit_space(uint32_t at) { emit(' ', at, at); }

  void decode_units() {
    units_.reserve(source_.size());
    others_.reserve(source_.size());  // never reallocates: units point into it
    for (std::size_t i = 0; i < source_.size();) {
      const auto begin = static_cast<uint32_t>(i);
      const Folded* f = nullptr;
      if (static_cast<unsigned char>(source_[i]) < 0x80) {
        f = &fold_ascii(static_cast<unsigned char>(source_[i]));
        ++i;
      } else {
        std::size_t length = 1;
        const char32_t cp = decode(source_, i, length);
        i += length;
        others_.push_back(fold_char(cp));
        f = &others_.back();
      }
      if (f->kind == CharKind::invisible) continue;
      if (f->kind == CharKind::mark) {
        if (!units_.empty()) units_.back().end = static_cast<uint32_t>(i);
        continue;
      }
      units_.push_back({f, begin, static_cast<uint32_t>(i)});
    }
  }

  // Words are runs of letters, digits, leet symbols and apostrophes; an ideograph is a word
  // of its own. Symbols and apostrophes at a word's edges are punctuation, not letters.
  void split_tokens() {
    bool sentence = false;
    for (std::size_t i = 0; i < units_.size();) {
      if (units_[i].f().kind == CharKind::ideograph) {
        tokens_.push_back({i, i + 1, false, sentence});
        sentence = false;
        ++i;
        continue;
      }
      if (!is_word_unit(units_[i])) {
        sentence = sentence || ends_sentence(i);
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < units_.size() && is_word_unit(units_[j])) ++j;
      Token t{i, j, false, sentence};
      const bool sentence_after = trim(t);
      if (t.first < t.last) {
        tokens_.push_back(t);
        sentence = sentence_after;
      } else {
        sentence = t.sentence_before || sentence_after;
      }
      i = j;
    }
  }

  // An ellipsis ("I just... want to") is a pause, not the end of a sentence.
  bool ends_sentence(std::size_t i) const {
    const auto dot = [&](std::size_t k) { return k < units_.size() && source_[units_[k].begin] == '.'; };
    if (!units_[i].f().sentence_end) return false;
    return !(dot(i) && ((i > 0 && dot(i - 1)) || dot(i + 1)));
  }

  // Drops punctuation-like units from a word's edges; returns whether a dropped trailing
  // unit ends a sentence ("kill!").
  bool trim(Token& t) {
    const auto keep_front = [&](const Unit& u, std::size_t k) {
      if (u.f().kind == CharKind::joiner) return false;
      const char s = symbol(u);
      if (s == '!' || s == '|') return false;
      if (s == '@' || s == '$') return k + 1 < t.last && is_letter(units_[k + 1]);
      return true;
    };
    while (t.first < t.last && !keep_front(units_[t.first], t.first)) {
      t.sentence_before = t.sentence_before || units_[t.first].f().sentence_end;
      ++t.first;
    }
    bool sentence_after = false;
    const auto keep_back = [&](const Unit& u, std::size_t k) {
      if (u.f().kind == CharKind::joiner) return false;
      const char s = symbol(u);
      if (s == '$') {  // "a$$" is "ass"; "5$" is a price
        for (std::size_t m = t.first; m < k; ++m) {
          if (is_letter(units_[m])) return true;
        }
        return false;
      }
      return s == 0;
    };
    while (t.last > t.first && !keep_back(units_[t.last - 1], t.last - 1)) {
      sentence_after = sentence_after || units_[t.last - 1].f().sentence_end;
      --t.last;
    }
    return sentence_after;
  }

  bool single_letter(const Token& t) const {
    return t.last - t.first == 1 && (is_letter(units_[t.first]) || units_[t.first].f().kind == CharKind::digit);
  }

  // "u r a star" is texting, not a spelled-out word: a, i, u and r are words on their own.
  bool all_short_words(std::size_t first, std::size_t last) const {
    for (std::size_t k = first; k <= last; ++k) {
      const std::string_view letter = units_[tokens_[k].first].f().view();
      if (letter != "a" && letter != "i" && letter != "u" && letter != "r") return false;
    }
    return true;
  }

  // "k i l l", "k.i.l.l": three or more single letters with at most three separators
  // between neighbours become one word.
  void join_spelled_out_words() {
    std::vector<Token> joined;
    joined.reserve(tokens_.size());
    for (std::size_t i = 0; i < tokens_.size();) {
      std::size_t j = i;
      while (j + 1 < tokens_.size() && single_letter(tokens_[j]) && single_letter(tokens_[j + 1]) &&
             tokens_[j + 1].first - tokens_[j].last <= 3) {
        ++j;
      }
      if (j - i + 1 >= 3 && !all_short_words(i, j)) {
        joined.push_back({tokens_[i].first, tokens_[j].last, true, tokens_[i].sentence_before});
        i = j + 1;
      } else {
        joined.push_back(tokens_[i]);
        ++i;
      }
    }
    tokens_ = std::move(joined);
  }

  void emit_token(const Token& t) {
    word_.clear();
    bool has_latin = false;
    bool has_letter = false;
    for (std::size_t k = t.first; k < t.last; ++k) {
      const Unit& u = units_[k];
      // Separators inside a joined word and apostrophes are left out.
      if (u.f().kind == CharKind::joiner || (!is_word_unit(u) && u.f().kind != CharKind::ideograph)) continue;
      word_.push_back(&u);
      if (is_letter(u)) {
        has_letter = true;
        has_latin = has_latin || (static_cast<unsigned char>(u.f().text[0]) < 0x80 && u.f().lookalike == 0);
      }
    }
    const bool leet = has_letter && !is_number_with_unit(units_, t);
    const bool stretched = has_stretch();
    if (stretched) emit(kStretchedMark, word_.front()->begin, word_.front()->begin);
    const Unit* previous = nullptr;
    for (const Unit* u : word_) {
      if (stretched && previous != nullptr && same_char(*u, *previous)) {  // one letter for the whole run
        out_.origin_.back().end = u->end;
        last_end_ = u->end;
        continue;
      }
      previous = u;
      emit_unit(*u, has_latin, leet);
    }
  }

  void emit_unit(const Unit& u, bool latin_word, bool leet) {
    last_end_ = u.end;
    if (latin_word && u.f().lookalike != 0) return emit(u.f().lookalike, u.begin, u.end);
    if (u.f().kind == CharKind::letter || u.f().kind == CharKind::ideograph) {
      for (char c : u.f().view()) emit(c, u.begin, u.end);
      return;
    }
    const char c = u.f().text[0];
    if (leet && leet_letter(c) == kEyeOrEll) {  // read as i here, as l in the alternate text
      ambiguous_.push_back(out_.text_.size());
      return emit('i', u.begin, u.end);
    }
    if (leet && leet_letter(c) != 0) return emit(leet_letter(c), u.begin, u.end);
    if (u.f().kind == CharKind::digit) emit(c, u.begin, u.end);
    // A symbol that stands for no letter here ("5$5") is left out.
  }

  bool has_stretch() const {
    std::size_t run = 1;
    for (std::size_t k = 1; k < word_.size(); ++k) {
      run = same_char(*word_[k], *word_[k - 1]) ? run + 1 : 1;
      if (run >= 3 && word_[k]->f().kind != CharKind::digit) return true;
    }
    return false;
  }

  std::string_view source_;
  std::vector<Folded> others_;  // folded non-ASCII characters
  std::vector<Unit> units_;
  std::vector<Token> tokens_;
  std::vector<const Unit*> word_;
  uint32_t last_end_ = 0;
  std::vector<std::size_t> ambiguous_;  // where 1 ! | were read as i
  NormalizedText out_;
};

NormalizedText normalize(std::string_view text) {
  return Normalizer(text).run();
}

Span NormalizedText::original(std::size_t begin, std::size_t end) const {
  end = std::min(end, text_.size());
  while (begin < end && (text_[begin] == ' ' || text_[begin] == '.')) ++begin;
  while (end > begin && (text_[end - 1] == ' ' || text_[end - 1] == '.')) --end;
  if (begin >= end) {
    const std::size_t at = begin < origin_.size() ? origin_[begin].begin : (origin_.empty() ? 0 : origin_.back().end);
    return {at, at};
  }
  Span span{origin_[begin].begin, origin_[begin].end};
  for (std::size_t i = begin; i < end; ++i) {
    span.begin = std::min<std::size_t>(span.begin, origin_[i].begin);
    span.end = std::max<std::size_t>(span.end, origin_[i].end);
  }
  return span;
}

std::vector<std::string> normalized_words(std::string_view text) {
  const NormalizedText normalized = normalize(text);
  std::vector<std::string> words;
  std::string word;
  for (char c : normalized.text()) {
    if (c == ' ') {
      if (!word.empty() && word != ".") words.push_back(word);
      word.clear();
    } else if (c != kStretchedMark) {
      word += c;
    }
  }
  return words;
}

std::string collapse_repeats(std::string_view word) {
  std::string out;
  std::string_view previous;
  for (std::size_t i = 0; i < word.size();) {
    std::size_t length = 1;
    const auto lead = static_cast<unsigned char>(word[i]);
    if (lead >= 0xF0)
      length = 4;
    else if (lead >= 0xE0)
      length = 3;
    else if (lead >= 0xC0)
      length = 2;
    length = std::min(length, word.size() - i);
    const std::string_view cp = word.substr(i, length);
    if (cp != previous) out += cp;
    previous = cp;
    i += length;
  }
  return out;
}

}  // namespace hearth::safety
