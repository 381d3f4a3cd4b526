#pragma once
// Times on pages: <time datetime="2026-11-21T10:15:00Z" title="21 Nov 2026, 10:15">3 hours
// ago</time>, in the viewer's zone. A thread page shows a time per post, so the formatter
// looks the zone up once and formats without streams.
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/html.hpp"
#include "web/page_context.hpp"

namespace date {
class time_zone;
}

namespace hearth {

class TimeFormatter {
 public:
  // `zone`: an IANA name, or empty (UTC).
  TimeFormatter(UnixMillis now, std::string_view zone);

  std::string rfc3339(UnixMillis at) const;   // "2026-11-21T10:15:00Z"
  std::string local(UnixMillis at) const;     // "21 Nov 2026, 10:15" ("… UTC" without a zone)
  std::string relative(UnixMillis at) const;  // "just now", "3 hours ago", or local() beyond a week
  // The <time> element: relative text, the local absolute time as its title.
  void element(Html& h, UnixMillis at) const;

 private:
  UnixMillis now_;
  const date::time_zone* zone_ = nullptr;
};

// For this page's viewer, at the environment's current time.
TimeFormatter time_formatter(const PageContext& context);

}  // namespace hearth
