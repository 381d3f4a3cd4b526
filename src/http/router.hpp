#pragma once
// Maps a request to one of the routes web/ and api/ registered. Patterns are compiled into
// segment lists once, at start-up; matching walks them without regex or allocation (only
// the values of {name} parameters are copied into the request).
#include <array>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_message.hpp"

namespace hearth {

class Router {
 public:
  struct Match {
    const Route* route = nullptr;     // null: no route for this path or method
    bool method_not_allowed = false;  // the path exists, but not for this method
    std::string allow;                // when method_not_allowed: the value for the Allow header
  };

  // Routes are added at start-up, before the first match; pointers in Match stay valid.
  void add(Route route);

  // Matches the request's path (from its target, so that an encoded '/' inside a
  // parameter does not split it) and fills request.params. A trailing slash is
  // ignored; HEAD is served by GET routes unless a HEAD route exists; where a literal
  // segment and a parameter both match, the literal wins ("/groups/new" over
  // "/groups/{slug}").
  Match match(Request& request) const;

 private:
  // A request path split at '/', without allocating.
  struct PathView {
    // Paths with more segments are not routable; no Hearth route comes close.
    static constexpr std::size_t max_segments = 16;
    std::array<std::string_view, max_segments> items;
    std::size_t size = 0;
    bool too_long = false;
    bool has_escape = false;  // some item contains '%'
  };
  struct Segment {
    std::string text;  // literal text, or the parameter name
    bool is_param = false;
  };
  struct Entry {
    Route route;
    std::vector<Segment> segments;
  };

  static PathView split_path(std::string_view path);
  static bool path_matches(const Entry& entry, const PathView& parts);
  static bool more_specific(const Entry& a, const Entry& b, Method method);

  // unique_ptr so Route addresses survive later add() calls.
  std::vector<std::unique_ptr<Entry>> entries_;
  // The same entries by number of segments, each list in the order of entries_: a path
  // can only match patterns with as many segments as it has.
  std::array<std::vector<const Entry*>, PathView::max_segments + 1> by_size_;
};

}  // namespace hearth
