#include "http/request_target.hpp"

#include <optional>
#include <string>

#include "core/text.hpp"

namespace hearth {

bool parse_request_target(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') return false;
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  // Most paths have no escape: decoding would only copy them.
  std::optional<std::string> decoded;
  if (raw_path.find('%') != std::string_view::npos) {
    decoded = percent_decode(raw_path, false);
    if (!decoded) return false;
  }
  std::string_view path = decoded ? std::string_view(*decoded) : raw_path;
  if (!is_valid_utf8(path)) return false;
  for (unsigned char c : path) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  if (decoded) {
    request.path = std::move(*decoded);
  } else {
    request.path.assign(path);
  }
  request.query = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
  return true;
}

}  // namespace hearth
