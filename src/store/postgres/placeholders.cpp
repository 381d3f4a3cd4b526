#include "store/postgres/placeholders.hpp"

#include <algorithm>

namespace hearth::postgres {
namespace {

bool is_word_character(char ch) {
  return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_' ||
         static_cast<unsigned char>(ch) >= 0x80;
}

// The index just past a quoted run that opens at `start` with `quote`. A doubled quote
// stands for itself; in an E'…' string a backslash also escapes the next character.
std::size_t skip_quoted(std::string_view sql, std::size_t start, char quote, bool backslash_escapes) {
  std::size_t i = start + 1;
  while (i < sql.size()) {
    if (backslash_escapes && sql[i] == '\\') {
      i += 2;
      continue;
    }
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

// The index just past a $tag$…$tag$ body opening at `start`, or `start` when the `$` there
// does not open one (a positional parameter such as $1 is not a tag).
std::size_t skip_dollar_quoted(std::string_view sql, std::size_t start) {
  std::size_t end = start + 1;
  while (end < sql.size() && is_word_character(sql[end]) && !(end == start + 1 && sql[end] >= '0' && sql[end] <= '9')) {
    ++end;
  }
  if (end >= sql.size() || sql[end] != '$') return start;
  const std::string_view tag = sql.substr(start, end - start + 1);
  const std::size_t close = sql.find(tag, end + 1);
  return close == std::string_view::npos ? sql.size() : close + tag.size();
}

}  // namespace

NumberedSql number_placeholders(std::string_view sql) {
  NumberedSql out;
  out.sql.reserve(sql.size() + 16);
  std::size_t i = 0;
  while (i < sql.size()) {
    const char ch = sql[i];
    std::size_t next = i + 1;
    if (ch == '\'') {
      const bool escapes =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !is_word_character(sql[i - 2]));
      next = skip_quoted(sql, i, '\'', escapes);
    } else if (ch == '"') {
      next = skip_quoted(sql, i, '"', false);
    } else if (ch == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      next = sql.find('\n', i);
      next = next == std::string_view::npos ? sql.size() : next + 1;
    } else if (ch == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      next = sql.find("*/", i + 2);
      next = next == std::string_view::npos ? sql.size() : next + 2;
    } else if (ch == '$' && (i == 0 || !is_word_character(sql[i - 1]))) {
      next = std::max(i + 1, skip_dollar_quoted(sql, i));
    } else if (ch == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.placeholders);
      i = next;
      continue;
    }
    out.sql.append(sql.substr(i, next - i));
    i = next;
  }
  return out;
}

}  // namespace hearth::postgres
