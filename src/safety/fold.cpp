#include "safety/fold.hpp"

#include "safety/fold_tables.hpp"

#include <algorithm>
#include <array>
#include <iterator>

namespace hearth::safety {
namespace {

void put_utf8(Folded& f, char32_t cp) {
  auto put = [&](unsigned v) { f.text[f.size++] = static_cast<char>(v); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

Folded of_kind(CharKind kind) {
  Folded f;
  f.kind = kind;
  return f;
}

Folded with_text(CharKind kind, std::string_view text) {
  Folded f = of_kind(kind);
  for (char c : text) f.text[f.size++] = c;
  return f;
}

Folded letter_cp(char32_t cp, char lookalike = 0) {
  Folded f = of_kind(CharKind::letter);
  put_utf8(f, cp);
  f.lookalike = lookalike;
  return f;
}

Folded digit(int value) {
  return with_text(CharKind::digit, std::string_view("0123456789" + value, 1));
}
Folded latin(char c) {
  return with_text(CharKind::letter, std::string_view(&c, 1));
}

Folded separator(bool sentence_end = false) {
  Folded f = of_kind(CharKind::separator);
  f.sentence_end = sentence_end;
  return f;
}

Folded ascii(char32_t c) {
  if (c >= 'A' && c <= 'Z') return latin(static_cast<char>(c + 32));
  if (c >= 'a' && c <= 'z') return latin(static_cast<char>(c));
  if (c >= '0' && c <= '9') return digit(static_cast<int>(c - '0'));
  const char ch = static_cast<char>(c);
  switch (c) {
    case '@':
    case '$':
    case '|':
      return with_text(CharKind::leet_symbol, std::string_view(&ch, 1));
    case '!': {
      Folded f = with_text(CharKind::leet_symbol, "!");
      f.sentence_end = true;
      return f;
    }
    case '\'':
    case '`':
      return of_kind(CharKind::joiner);
    case '.':
    case '?':
    case ';':
      return separator(true);
    default:
      return separator();
  }
}

bool in(char32_t cp, char32_t first, char32_t last) {
  return cp >= first && cp <= last;
}

bool is_mark(char32_t cp) {
  return in(cp, 0x300, 0x36F) || in(cp, 0x483, 0x489) || in(cp, 0x591, 0x5BD) || cp == 0x5BF || in(cp, 0x5C1, 0x5C2) ||
         in(cp, 0x5C4, 0x5C5) || cp == 0x5C7 || in(cp, 0x610, 0x61A) || in(cp, 0x64B, 0x65F) || cp == 0x670 ||
         in(cp, 0x6D6, 0x6DC) || in(cp, 0x6DF, 0x6E4) || in(cp, 0x1AB0, 0x1AFF) || in(cp, 0x1DC0, 0x1DFF) ||
         in(cp, 0x20D0, 0x20FF) || in(cp, 0xFE20, 0xFE2F);
}

bool is_invisible(char32_t cp) {
  return cp == 0xAD || cp == 0x34F || cp == 0x61C || in(cp, 0x115F, 0x1160) || in(cp, 0x17B4, 0x17B5) ||
         in(cp, 0x180B, 0x180F) || in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) || in(cp, 0x2060, 0x206F) ||
         cp == 0x3164 || in(cp, 0xFE00, 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || in(cp, 0x1BCA0, 0x1BCA3) ||
         in(cp, 0x1D173, 0x1D17A) || in(cp, 0xE0000, 0xE007F) || in(cp, 0xE0100, 0xE01EF);
}

bool is_ideograph(char32_t cp) {
  return in(cp, 0x3040, 0x30FF) || in(cp, 0x31F0, 0x31FF) || in(cp, 0x3400, 0x4DBF) || in(cp, 0x4E00, 0x9FFF) ||
         in(cp, 0xF900, 0xFAFF) || in(cp, 0xFF66, 0xFF9F) || in(cp, 0x20000, 0x3134F);
}

bool is_symbol_block(char32_t cp) {
  return in(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x2000, 0x2BFF) || in(cp, 0x2E00, 0x2E7F) ||
         in(cp, 0x3000, 0x303F) || in(cp, 0xFE10, 0xFE1F) || in(cp, 0xFE30, 0xFE6F) || in(cp, 0xFF00, 0xFF65) ||
         in(cp, 0xFFE0, 0xFFFF) || in(cp, 0x1F000, 0x1FAFF);
}

Folded greek(char32_t cp) {
  if (cp == 0x37E) return separator(true);  // the Greek question mark
  if (in(cp, 0x374, 0x375) || in(cp, 0x384, 0x385) || cp == 0x387) return separator();
  const char look = greek_lookalike(cp);
  char32_t lower = cp;
  if (in(cp, 0x391, 0x3A9)) lower = cp + 0x20;
  switch (cp) {  // accents off, final sigma as sigma
    case 0x386:
    case 0x3AC:
      lower = 0x3B1;
      break;
    case 0x388:
    case 0x3AD:
      lower = 0x3B5;
      break;
    case 0x389:
    case 0x3AE:
      lower = 0x3B7;
      break;
    case 0x38A:
    case 0x3AF:
    case 0x390:
    case 0x3AA:
    case 0x3CA:
      lower = 0x3B9;
      break;
    case 0x38C:
    case 0x3CC:
      lower = 0x3BF;
      break;
    case 0x38E:
    case 0x3CD:
    case 0x3B0:
    case 0x3AB:
    case 0x3CB:
      lower = 0x3C5;
      break;
    case 0x38F:
    case 0x3CE:
      lower = 0x3C9;
      break;
    case 0x3C2:
      lower = 0x3C3;
      break;
    default:
      break;
  }
  return letter_cp(lower, look);
}

Folded cyrillic(char32_t cp) {
  if (in(cp, 0x483, 0x489)) return of_kind(CharKind::mark);
  const char look = cyrillic_lookalike(cp);
  char32_t lower = cp;
  if (in(cp, 0x400, 0x40F)) {
    lower = cp + 0x50;
  } else if (in(cp, 0x410, 0x42F)) {
    lower = cp + 0x20;
  } else if (cp == 0x4C0) {
    lower = 0x4CF;
  } else if (in(cp, 0x4C1, 0x4CE)) {
    lower = (cp % 2 == 1) ? cp + 1 : cp;
  } else if (in(cp, 0x460, 0x481) || in(cp, 0x48A, 0x4BF) || in(cp, 0x4D0, 0x52F)) {
    lower = (cp % 2 == 0) ? cp + 1 : cp;
  }
  return letter_cp(lower, look);
}

// Mathematical alphanumerics, enclosed letters and digits, super- and subscript digits.
bool styled(char32_t cp, Folded& out) {
  if (in(cp, 0x1D400, 0x1D6A3)) {
    const unsigned index = (cp - 0x1D400) % 52;
    out = latin(static_cast<char>(index < 26 ? 'a' + index : 'a' + index - 26));
  } else if (cp == 0x1D6A4) {
    out = latin('i');
  } else if (cp == 0x1D6A5) {
    out = latin('j');
  } else if (in(cp, 0x1D7CE, 0x1D7FF)) {
    out = digit(static_cast<int>((cp - 0x1D7CE) % 10));
  } else if (in(cp, 0x2460, 0x2468)) {
    out = digit(static_cast<int>(cp - 0x2460 + 1));
  } else if (in(cp, 0x2474, 0x247C)) {
    out = digit(static_cast<int>(cp - 0x2474 + 1));
  } else if (in(cp, 0x2488, 0x2490)) {
    out = digit(static_cast<int>(cp - 0x2488 + 1));
  } else if (cp == 0x24EA) {
    out = digit(0);
  } else if (in(cp, 0x249C, 0x24B5)) {
    out = latin(static_cast<char>('a' + (cp - 0x249C)));
  } else if (in(cp, 0x24B6, 0x24CF)) {
    out = latin(static_cast<char>('a' + (cp - 0x24B6)));
  } else if (in(cp, 0x24D0, 0x24E9)) {
    out = latin(static_cast<char>('a' + (cp - 0x24D0)));
  } else if (in(cp, 0x1F130, 0x1F149) || in(cp, 0x1F150, 0x1F169) || in(cp, 0x1F170, 0x1F189)) {
    out = latin(static_cast<char>('a' + (cp - 0x1F130) % 0x20));
  } else if (cp == 0xB9 || cp == 0xB2 || cp == 0xB3) {
    out = digit(cp == 0xB9 ? 1 : cp == 0xB2 ? 2 : 3);
  } else if (cp == 0x2070 || in(cp, 0x2074, 0x2079)) {
    out = digit(static_cast<int>(cp - 0x2070));
  } else if (in(cp, 0x2080, 0x2089)) {
    out = digit(static_cast<int>(cp - 0x2080));
  } else if (in(cp, 0x660, 0x669) || in(cp, 0x6F0, 0x6F9) || in(cp, 0x966, 0x96F) || in(cp, 0x9E6, 0x9EF)) {
    const char32_t zero = cp < 0x6F0 ? 0x660 : cp < 0x966 ? 0x6F0 : cp < 0x9E6 ? 0x966 : 0x9E6;
    out = digit(static_cast<int>(cp - zero));
  } else {
    return false;
  }
  return true;
}

Folded punctuation(char32_t cp) {
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201B:
    case 0x2032:
    case 0x2BC:
    case 0xB4:
      return of_kind(CharKind::joiner);
    case 0x203C:
    case 0x2047:
    case 0x2048:
    case 0x2049:
    case 0x3002:
    case 0xFF61:
    case 0x61F:
    case 0x6D4:
    case 0x964:
    case 0x965:
      return separator(true);
    default:
      return separator();
  }
}

// ASCII is most of what members write: looked up, not worked out, for every character.
const std::array<Folded, 128>& ascii_table() {
  static const std::array<Folded, 128> table = [] {
    std::array<Folded, 128> t{};
    for (char32_t c = 0; c < 128; ++c) t[c] = ascii(c);
    return t;
  }();
  return table;
}

}  // namespace

const Folded& fold_ascii(unsigned char c) {
  return ascii_table()[c & 0x7F];
}

Folded fold_char(char32_t cp) {
  if (cp < 0x80) return ascii_table()[cp];
  if (in(cp, 0xFF01, 0xFF5E)) return ascii(cp - 0xFEE0);  // full-width ASCII
  if (is_invisible(cp)) return of_kind(CharKind::invisible);
  if (is_mark(cp)) return of_kind(CharKind::mark);
  if (const char* base = latin_base(cp)) return with_text(CharKind::letter, base);
  if (Folded f; styled(cp, f)) return f;
  if (in(cp, 0x370, 0x3FF)) return greek(cp);
  if (in(cp, 0x400, 0x52F)) return cyrillic(cp);
  if (is_ideograph(cp)) {
    Folded f = letter_cp(cp);
    f.kind = CharKind::ideograph;
    return f;
  }
  if (is_symbol_block(cp) || cp == 0x2BC) return punctuation(cp);
  if (in(cp, 0x531, 0x556)) return letter_cp(cp + 0x30);  // Armenian capitals
  return letter_cp(cp);
}

}  // namespace hearth::safety
