#include "store/postgres/location.hpp"

#include <algorithm>

namespace hearth::postgres {
namespace {

constexpr std::string_view schemes[] = {"postgresql://", "postgres://"};

std::size_t authority_start(std::string_view url) {
  for (std::string_view scheme : schemes) {
    if (url.substr(0, scheme.size()) == scheme) return scheme.size();
  }
  return std::string_view::npos;
}

// Where the authority (user:password@host:port) ends: at the path, the query or the end.
std::size_t authority_end(std::string_view url, std::size_t start) {
  const std::size_t end = url.find_first_of("/?#", start);
  return end == std::string_view::npos ? url.size() : end;
}

}  // namespace

bool is_url(std::string_view location) {
  return authority_start(location) != std::string_view::npos;
}

std::string redacted(std::string_view url) {
  std::string out(url);
  const std::size_t start = authority_start(url);
  if (start != std::string_view::npos) {
    const std::size_t end = authority_end(url, start);
    const std::size_t at = url.rfind('@', end);
    if (at != std::string_view::npos && at >= start) {
      const std::size_t colon = url.find(':', start);
      if (colon != std::string_view::npos && colon < at) out.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // A password may also come as a query parameter.
  const std::size_t query = out.find('?');
  if (query != std::string::npos) {
    for (std::size_t key = out.find("password=", query); key != std::string::npos;
         key = out.find("password=", key + 1)) {
      if (out[key - 1] != '?' && out[key - 1] != '&') continue;
      const std::size_t value = key + 9;
      const std::size_t value_end = std::min(out.find('&', value), out.size());
      out.replace(value, value_end - value, "***");
    }
  }
  return out;
}

std::string with_database(std::string_view url, std::string_view database) {
  const std::size_t start = authority_start(url);
  if (start == std::string_view::npos) return std::string(url);
  const std::size_t path = authority_end(url, start);
  std::size_t rest = path;
  if (path < url.size() && url[path] == '/') {
    rest = url.find_first_of("?#", path);
    if (rest == std::string_view::npos) rest = url.size();
  }
  std::string out(url.substr(0, path));
  out.append("/").append(database).append(url.substr(rest));
  return out;
}

}  // namespace hearth::postgres
