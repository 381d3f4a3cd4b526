// Street addresses, postcodes and dates of birth (declared in personal_details.hpp).
#include <algorithm>
#include <array>
#include <optional>

#include "safety/ascii_scan.hpp"
#include "safety/personal_details.hpp"

namespace hearth::safety {
namespace {

using scan::alpha;
using scan::digit;
using scan::KeywordIndex;
using scan::lowered;
using scan::number_length;
using scan::skip_spaces;
using scan::upper;
using scan::word_end;
using scan::word_length;
using scan::word_start;

std::optional<int> month_number(std::string_view word) {
  static constexpr std::array<std::string_view, 12> names = {"january",   "february", "march",    "april",
                                                             "may",       "june",     "july",     "august",
                                                             "september", "october",  "november", "december"};
  const std::string w = lowered(word);
  for (std::size_t m = 0; m < names.size(); ++m) {
    if (w == names[m] || (w.size() == 3 && names[m].starts_with(w)) || (m == 8 && w == "sept")) {
      return static_cast<int>(m + 1);
    }
  }
  return std::nullopt;
}

std::size_t month_length(std::string_view t, std::size_t i) {
  const std::size_t length = word_length(t, i);
  return length > 0 && month_number(t.substr(i, length)) ? length : 0;
}

// ", 1985" or " 1985" after a day and month: the position after the year, or `at`.
std::size_t after_year(std::string_view t, std::size_t at) {
  int year = 0;
  const std::size_t y = skip_spaces(t, at + (at < t.size() && t[at] == ',' ? 1 : 0));
  const std::size_t length = number_length(t, y, 4, year);
  return length == 4 ? y + length : at;
}

// 12/03/1985, 12-3-85, 1985-03-12.
std::size_t numeric_date_length(std::string_view t, std::size_t i) {
  int a = 0;
  int b = 0;
  int c = 0;
  const std::size_t la = number_length(t, i, 4, a);
  const std::size_t j = i + la;
  if (la == 0 || j + 1 >= t.size() || (t[j] != '/' && t[j] != '.' && t[j] != '-')) return 0;
  const std::size_t lb = number_length(t, j + 1, 2, b);
  const std::size_t k = j + 1 + lb;
  if (lb == 0 || k + 1 >= t.size() || t[k] != t[j]) return 0;
  const std::size_t lc = number_length(t, k + 1, 4, c);
  const bool day_first = la <= 2 && a >= 1 && a <= 31 && b >= 1 && b <= 31 && (lc == 2 || lc == 4);
  const bool year_first = la == 4 && b >= 1 && b <= 12 && lc >= 1 && lc <= 2 && c >= 1 && c <= 31;
  return day_first || year_first ? k + 1 + lc - i : 0;
}

// 3 March 1985, 3rd of March, March 3rd, 1985.
std::size_t written_date_length(std::string_view t, std::size_t i) {
  int day = 0;
  if (const std::size_t ld = number_length(t, i, 2, day); ld > 0) {
    if (day < 1 || day > 31) return 0;
    std::size_t j = i + ld;
    if (word_length(t, j) == 2 && !month_length(t, j)) j += 2;  // 3rd, 21st
    j = skip_spaces(t, j);
    if (lowered(t.substr(j, 3)) == "of ") j = skip_spaces(t, j + 3);
    const std::size_t lm = month_length(t, j);
    return lm == 0 ? 0 : after_year(t, j + lm) - i;
  }
  const std::size_t lm = month_length(t, i);
  if (lm == 0) return 0;
  std::size_t j = skip_spaces(t, i + lm);
  const std::size_t ld = number_length(t, j, 2, day);
  if (ld == 0 || day < 1 || day > 31) return 0;
  j += ld;
  if (word_length(t, j) == 2) j += 2;
  return after_year(t, j) - i;
}

bool street_word(std::string_view t, std::size_t i, std::size_t length) {
  return length >= 2 && upper(t[i]) &&
         std::any_of(t.begin() + static_cast<long>(i) + 1, t.begin() + static_cast<long>(i + length),
                     [](char c) { return c >= 'a' && c <= 'z'; });
}

bool street_suffix(std::string_view word) {
  static constexpr std::array<std::string_view, 38> suffixes = {
      "Street",  "St",      "Road",  "Rd",    "Avenue",    "Ave",    "Lane",  "Ln",   "Drive",    "Dr",
      "Close",   "Way",     "Court", "Ct",    "Boulevard", "Blvd",   "Place", "Pl",   "Crescent", "Cres",
      "Terrace", "Gardens", "Gdns",  "Grove", "Square",    "Sq",     "Hill",  "Park", "Parkway",  "Mews",
      "Highway", "Hwy",     "Rise",  "View",  "Green",     "Circle", "Row",   "Walk"};
  return std::find(suffixes.begin(), suffixes.end(), word) != suffixes.end();
}

// "221B Baker Street", "12 Elm Rd": a house number, one to four capitalised words, the
// last a street suffix. The span's end, or 0.
std::size_t street_end(std::string_view t, std::size_t i) {
  int number = 0;
  std::size_t j = i + number_length(t, i, 5, number);
  if (j == i) return 0;
  if (j < t.size() && alpha(t[j]) && word_end(t, j + 1)) ++j;  // 221B
  if (!word_end(t, j)) return 0;
  if (j < t.size() && t[j] == ',') ++j;
  for (int words = 0; words < 5; ++words) {
    if (j >= t.size() || t[j] != ' ') return 0;
    ++j;
    const std::size_t length = word_length(t, j);
    if (!street_word(t, j, length)) return 0;
    if (words > 0 && street_suffix(t.substr(j, length))) return j + length;
    j += length;
  }
  return 0;
}

// UK postcodes (SW1A 1AA, M1 1AE) in capitals.
std::size_t postcode_end(std::string_view t, std::size_t i) {
  std::size_t j = i;
  while (j < t.size() && j - i < 2 && upper(t[j])) ++j;
  if (j == i || j >= t.size() || !digit(t[j])) return 0;
  ++j;
  if (j < t.size() && (upper(t[j]) || digit(t[j]))) ++j;
  if (j < t.size() && t[j] == ' ') ++j;
  if (j + 3 > t.size() || !digit(t[j]) || !upper(t[j + 1]) || !upper(t[j + 2])) return 0;
  return word_end(t, j + 3) ? j + 3 : 0;
}

}  // namespace

std::vector<PersonalDetail> find_street_addresses(std::string_view t) {
  std::vector<PersonalDetail> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (!word_start(t, i)) continue;
    std::size_t end = 0;
    if (digit(t[i])) end = street_end(t, i);
    if (end == 0 && upper(t[i])) end = postcode_end(t, i);
    if (end > 0) {
      found.push_back({DetailKind::street_address, {i, end}});
      i = end;
    }
  }
  return found;
}

std::vector<PersonalDetail> find_dates_of_birth(std::string_view t) {
  static constexpr std::array<std::string_view, 9> keywords = {
      "born", "dob", "d.o.b", "date of birth", "birthday", "birth date", "birthdate", "bday", "b-day"};
  const std::string low = lowered(t);
  std::vector<PersonalDetail> found;
  static const KeywordIndex index(keywords);
  index.each(low, [&](std::size_t after) {
    for (std::size_t i = after; i < t.size() && i < after + 40; ++i) {
      if (!word_start(t, i) || !(digit(t[i]) || alpha(t[i]))) continue;
      std::size_t length = numeric_date_length(t, i);
      if (length == 0) length = written_date_length(t, i);
      if (length > 0) {
        found.push_back({DetailKind::date_of_birth, {i, i + length}});
        return;
      }
    }
  });
  return found;
}

std::vector<PersonalDetail> find_personal_details(std::string_view text) {
  std::vector<PersonalDetail> all = find_email_addresses(text);
  // Every other detail has digits: most posts have few, and then the scanners can rest.
  const auto digits = std::count_if(text.begin(), text.end(), [](char c) { return digit(c); });
  using Finder = std::vector<PersonalDetail> (*)(std::string_view);
  const std::pair<Finder, long> finders[] = {
      {&find_numbers, 9}, {&find_record_numbers, 4}, {&find_street_addresses, 1}, {&find_dates_of_birth, 1}};
  for (const auto& [finder, needs] : finders) {
    if (digits < needs) continue;
    std::vector<PersonalDetail> more = finder(text);
    all.insert(all.end(), more.begin(), more.end());
  }
  std::sort(all.begin(), all.end(), [](const PersonalDetail& a, const PersonalDetail& b) {
    return a.span.begin != b.span.begin ? a.span.begin < b.span.begin : a.span.end > b.span.end;
  });
  // Two scanners may find the same number ("SSN 123-45-6789"): keep the widest.
  std::vector<PersonalDetail> distinct;
  for (const PersonalDetail& d : all) {
    if (distinct.empty() || d.span.end > distinct.back().span.end) distinct.push_back(d);
  }
  return distinct;
}

}  // namespace hearth::safety
