#include "http/router.hpp"

#include <cassert>

namespace hearth {
namespace {

bool literal_matches(std::string_view literal, std::string_view raw) {
  if (raw.find('%') == std::string_view::npos) return literal == raw;
  auto decoded = percent_decode(raw, false);
  return decoded && *decoded == literal;
}

bool method_serves(Method route_method, Method request_method) {
  return route_method == request_method || (route_method == Method::get && request_method == Method::head);
}

void append_allow(std::string& allow, std::string_view name) {
  // A path has a handful of methods, so searching the list is the cheap option.
  std::size_t at = allow.find(name);
  if (at != std::string::npos && (at == 0 || allow[at - 1] == ' ') &&
      (at + name.size() == allow.size() || allow[at + name.size()] == ',')) {
    return;
  }
  if (!allow.empty()) allow.append(", ");
  allow.append(name);
}

}  // namespace

// "/a/b/" and "/a/b" both give {a, b}; "/" gives none. Empty inner segments ("/a//b")
// are kept, so they match no literal or parameter.
Router::PathView Router::split_path(std::string_view path) {
  Router::PathView out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return out;
  out.has_escape = path.find('%') != std::string_view::npos;
  while (true) {
    if (out.size == PathView::max_segments) {
      out.too_long = true;
      return out;
    }
    std::size_t slash = path.find('/');
    out.items[out.size++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

void Router::add(Route route) {
  auto entry = std::make_unique<Entry>();
  PathView parts = split_path(route.pattern);
  assert(!parts.too_long && "route pattern has too many segments");
  for (std::size_t i = 0; i < parts.size; ++i) {
    std::string_view part = parts.items[i];
    bool is_param = part.size() >= 2 && part.front() == '{' && part.back() == '}';
    if (is_param) part = part.substr(1, part.size() - 2);
    entry->segments.push_back(Segment{std::string(part), is_param});
  }
  entry->route = std::move(route);
  by_size_[entry->segments.size()].push_back(entry.get());
  entries_.push_back(std::move(entry));
}

bool Router::path_matches(const Entry& entry, const PathView& parts) {
  const auto& segments = entry.segments;
  if (segments.size() != parts.size) return false;
  for (std::size_t i = 0; i < parts.size; ++i) {
    bool ok = segments[i].is_param ? !parts.items[i].empty()
              : parts.has_escape   ? literal_matches(segments[i].text, parts.items[i])
                                   : segments[i].text == parts.items[i];
    if (!ok) return false;
  }
  return true;
}

// Whether `a` should serve the request rather than `b` (both match it). The first segment
// where one is literal and the other a parameter decides; failing that, an exact HEAD
// route beats a GET route serving HEAD.
bool Router::more_specific(const Entry& a, const Entry& b, Method method) {
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
  }
  return a.route.method == method && b.route.method != method;
}

Router::Match Router::match(Request& request) const {
  std::string_view raw_path = request.target.empty() ? request.path : request.target;
  raw_path = raw_path.substr(0, raw_path.find('?'));
  PathView parts = split_path(raw_path);
  Match result;
  if (parts.too_long) return result;

  const auto& candidates = by_size_[parts.size];
  const Entry* best = nullptr;
  bool path_found = false;
  for (const Entry* entry : candidates) {
    if (!path_matches(*entry, parts)) continue;
    path_found = true;
    if (!method_serves(entry->route.method, request.method)) continue;
    if (best == nullptr || more_specific(*entry, *best, request.method)) best = entry;
  }

  if (best == nullptr) {
    if (path_found) {
      result.method_not_allowed = true;
      for (const Entry* entry : candidates) {
        if (!path_matches(*entry, parts)) continue;
        append_allow(result.allow, method_name(entry->route.method));
        if (entry->route.method == Method::get) append_allow(result.allow, "HEAD");
      }
    }
    return result;
  }
  request.params.clear();
  for (std::size_t i = 0; i < parts.size; ++i) {
    if (!best->segments[i].is_param) continue;
    auto value = percent_decode(parts.items[i], false);
    if (!value) return Match{};  // an invalid escape names no resource
    request.params.emplace_back(best->segments[i].text, std::move(*value));
  }
  result.route = &best->route;
  return result;
}

}  // namespace hearth
