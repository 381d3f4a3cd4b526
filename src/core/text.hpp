#pragma once
// Text utilities for untrusted input: everything that reaches the store or a page has been
// checked to be valid UTF-8 and within its length limit.
#include <cstddef>
#include <string>
#include <string_view>

namespace hearth {

bool is_valid_utf8(std::string_view text);
// Number of Unicode code points (assumes valid UTF-8).
std::size_t utf8_length(std::string_view text);
// Removes leading and trailing ASCII whitespace.
std::string_view trim(std::string_view text);
std::string to_lower_ascii(std::string_view text);
// True when the text contains control characters other than tab, newline and carriage return.
bool has_control_characters(std::string_view text);

}  // namespace hearth
