#include "core/html.hpp"

namespace hearth {

void append_escaped(std::string& out, std::string_view text) {
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* replacement = nullptr;
    switch (text[i]) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '"': replacement = "&quot;"; break;
      case '\'': replacement = "&#39;"; break;
      default: continue;
    }
    out.append(text.substr(start, i - start));
    out.append(replacement);
    start = i + 1;
  }
  out.append(text.substr(start));
}

std::string escape_html(std::string_view text) {
  std::string out;
  append_escaped(out, text);
  return out;
}

}  // namespace hearth
