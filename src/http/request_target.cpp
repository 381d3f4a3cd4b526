#include "http/request_target.hpp"

#include "core/text.hpp"

namespace hearth {

bool parse_request_target(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/') return false;
  std::size_t question = target.find('?');
  std::string_view raw_path = target.substr(0, question);
  auto path = percent_decode(raw_path, false);
  if (!path || !is_valid_utf8(*path)) return false;
  for (unsigned char c : *path) {
    if (c < 0x20 || c == 0x7F) return false;
  }
  request.path = std::move(*path);
  request.query = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
  return true;
}

}  // namespace hearth
