#include "safety/personal_details.hpp"

#include <algorithm>
#include <array>
#include <string>

#include "safety/ascii_scan.hpp"

namespace hearth::safety {
namespace {

using scan::alnum;
using scan::digit;
using scan::KeywordIndex;
using scan::lowered;
using scan::skip_spaces;
using scan::upper;
using scan::word_end;
using scan::word_length;
using scan::word_start;

// A run of digits with phone-like separators: "+44 7700 900123", "(555) 555-0132".
struct DigitRun {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string digits;
  std::vector<int> groups;
  bool plus = false;
  bool dots = false;
  bool spaces = false;
};

bool is_separator(char c) {
  return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

DigitRun read_digit_run(std::string_view t, std::size_t start) {
  DigitRun run{start, start};
  std::size_t i = start;
  if (t[i] == '+') {
    run.plus = true;
    ++i;
  }
  int group = 0;
  while (i < t.size()) {
    if (digit(t[i])) {
      run.digits += t[i];
      ++group;
      run.end = ++i;
      continue;
    }
    std::size_t j = i;
    while (j < t.size() && j - i < 3 && is_separator(t[j])) ++j;
    if (j == i || j >= t.size() || !digit(t[j])) break;
    for (std::size_t k = i; k < j; ++k) {
      run.dots = run.dots || t[k] == '.';
      run.spaces = run.spaces || t[k] == ' ';
    }
    if (group > 0) run.groups.push_back(group);
    group = 0;
    i = j;
  }
  if (group > 0) run.groups.push_back(group);
  return run;
}

bool nhs_checksum_ok(const std::string& d) {
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}

bool ssn_like(const DigitRun& r) {
  if (r.plus || r.dots || r.groups != std::vector<int>{3, 2, 4}) return false;
  const std::string& d = r.digits;
  const int area = std::stoi(d.substr(0, 3));
  return area != 0 && area != 666 && area < 900 && d.substr(3, 2) != "00" && d.substr(5) != "0000";
}

bool phone_like(const DigitRun& r) {
  const std::size_t n = r.digits.size();
  if (n < 9 || n > 15) return false;
  if (r.dots && !r.spaces && std::any_of(r.groups.begin(), r.groups.end(), [](int g) { return g > 4; })) {
    return false;  // 3.14159265: a decimal, not a number to call
  }
  if (r.groups.size() == 1) {  // unbroken digits: only in the shapes phone numbers take
    return r.plus || r.digits[0] == '0' || n == 10 || (n == 11 && r.digits[0] == '1');
  }
  return true;
}

}  // namespace

std::string_view detail_kind_label(DetailKind kind) {
  switch (kind) {
    case DetailKind::phone_number:
      return "phone number";
    case DetailKind::email_address:
      return "email address";
    case DetailKind::street_address:
      return "address";
    case DetailKind::date_of_birth:
      return "date of birth";
    case DetailKind::id_number:
      return "record or ID number";
    case DetailKind::full_name:
      return "full name";
  }
  return "personal detail";
}

std::vector<PersonalDetail> find_email_addresses(std::string_view t) {
  std::vector<PersonalDetail> found;
  const auto local = [](char c) { return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  for (std::size_t at = t.find('@'); at != std::string_view::npos; at = t.find('@', at + 1)) {
    std::size_t begin = at;
    while (begin > 0 && local(t[begin - 1])) --begin;
    std::size_t end = at + 1;
    while (end < t.size() && (alnum(t[end]) || t[end] == '.' || t[end] == '-')) ++end;
    while (end > at + 1 && (t[end - 1] == '.' || t[end - 1] == '-')) --end;
    const std::string_view domain = t.substr(at + 1, end - at - 1);
    const std::size_t dot = domain.rfind('.');
    if (begin == at || dot == std::string_view::npos || dot == 0 || domain.size() - dot < 3) continue;
    found.push_back({DetailKind::email_address, {begin, end}});
  }
  return found;
}

std::vector<PersonalDetail> find_numbers(std::string_view t) {
  std::vector<PersonalDetail> found;
  for (std::size_t i = 0; i < t.size(); ++i) {
    const bool starts = digit(t[i]) || ((t[i] == '+' || t[i] == '(') && i + 1 < t.size() && digit(t[i + 1]));
    if (!starts || (i > 0 && (alnum(t[i - 1]) || t[i - 1] == '.' || t[i - 1] == ',' || t[i - 1] == '/' ||
                              t[i - 1] == '$' || t[i - 1] == '#'))) {
      continue;
    }
    const DigitRun run = read_digit_run(t, i);
    if (run.digits.empty() || !word_end(t, run.end)) {
      i = std::max(i, run.end);
      continue;
    }
    const bool nhs = run.digits.size() == 10 && !run.plus &&
                     (run.groups == std::vector<int>{10} || run.groups == std::vector<int>{3, 3, 4}) &&
                     nhs_checksum_ok(run.digits);
    if (nhs || ssn_like(run)) {
      found.push_back({DetailKind::id_number, {run.begin, run.end}});
    } else if (phone_like(run)) {
      found.push_back({DetailKind::phone_number, {run.begin, run.end}});
    }
    i = std::max(i, run.end);
  }
  return found;
}

std::vector<PersonalDetail> find_record_numbers(std::string_view t) {
  static constexpr std::array<std::string_view, 34> keywords = {"mrn",
                                                                "medical record",
                                                                "medical records",
                                                                "record number",
                                                                "record no",
                                                                "hospital number",
                                                                "hospital no",
                                                                "hospital id",
                                                                "patient number",
                                                                "patient no",
                                                                "patient id",
                                                                "nhs number",
                                                                "nhs no",
                                                                "chi number",
                                                                "chi no",
                                                                "case number",
                                                                "case no",
                                                                "chart number",
                                                                "id number",
                                                                "id no",
                                                                "ssn",
                                                                "social security",
                                                                "national insurance",
                                                                "ni number",
                                                                "ni no",
                                                                "insurance number",
                                                                "policy number",
                                                                "passport number",
                                                                "passport no",
                                                                "member id",
                                                                "medicare number",
                                                                "medicaid number",
                                                                "health card",
                                                                "licence number"};
  static constexpr std::array<std::string_view, 8> fillers = {"is", "was", "number", "no", "num", "nr", "id", "of"};
  const std::string low = lowered(t);
  std::vector<PersonalDetail> found;
  static const KeywordIndex index(keywords);
  index.each(low, [&](std::size_t i) {
    for (int words = 0; i < t.size() && words < 4;) {
      while (i < t.size() && (t[i] == ' ' || t[i] == ':' || t[i] == '#' || t[i] == '.' || t[i] == '=')) ++i;
      const std::size_t lw = word_length(low, i);
      if (lw == 0 || std::find(fillers.begin(), fillers.end(), low.substr(i, lw)) == fillers.end()) break;
      i += lw;
      ++words;
    }
    std::size_t end = i;
    int digits = 0;
    for (std::size_t j = i; j < t.size() && j - i < 24;) {
      if (alnum(t[j])) {
        digits += digit(t[j]) ? 1 : 0;
        end = ++j;
      } else if ((t[j] == ' ' || t[j] == '-' || t[j] == '/') && j + 1 < t.size() && digit(t[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (digits >= 4) found.push_back({DetailKind::id_number, {i, end}});
  });
  // UK National Insurance numbers: AB 12 34 56 C.
  for (std::size_t i = 0; i + 9 <= t.size(); ++i) {
    if (!word_start(t, i) || !upper(t[i]) || !upper(t[i + 1])) continue;
    if (std::string_view("DFIQUV").find(t[i]) != std::string_view::npos ||
        std::string_view("DFIOQUV").find(t[i + 1]) != std::string_view::npos) {
      continue;
    }
    std::size_t j = i + 2;
    int digits = 0;
    while (j < t.size() && digits < 6) {
      if (digit(t[j])) {
        ++digits;
      } else if (t[j] != ' ' || digits % 2 != 0) {
        break;
      }
      ++j;
    }
    j = skip_spaces(t, j);
    if (digits == 6 && j < t.size() && t[j] >= 'A' && t[j] <= 'D' && word_end(t, j + 1)) {
      found.push_back({DetailKind::id_number, {i, j + 1}});
    }
  }
  return found;
}

}  // namespace hearth::safety
