#pragma once
// Views escape by construction. Markup can only be written from string literals (checked at
// compile time); anything else goes through text(), which escapes it. The one way to write
// a runtime string unescaped is raw_unescaped(), named so that it is easy to find and review.
#include <cstdint>
#include <string>
#include <string_view>

namespace hearth {

// A piece of markup known at compile time. The consteval constructor rejects run-time
// strings, so request data can never be passed where markup is expected.
class Markup {
 public:
  consteval Markup(const char* literal) : text_(literal) {}  // NOLINT: implicit by design
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

void append_escaped(std::string& out, std::string_view text);
std::string escape_html(std::string_view text);

class Html {
 public:
  Html() { out_.reserve(8192); }
  Html& m(Markup markup) {
    out_.append(markup.text());
    return *this;
  }
  // Text or an attribute value (inside double quotes): &, <, >, " and ' are escaped.
  Html& t(std::string_view text) {
    append_escaped(out_, text);
    return *this;
  }
  Html& num(int64_t value) {
    out_.append(std::to_string(value));
    return *this;
  }
  // Deliberately unescaped: only for HTML produced by another Html or a trusted renderer.
  Html& raw_unescaped(std::string_view html) {
    out_.append(html);
    return *this;
  }
  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

}  // namespace hearth
