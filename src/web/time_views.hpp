#pragma once
// Times on pages: <time datetime=2026-11-21T10:15Z title="21 Nov 2026, 10:15">3 hours
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
  // Beyond a week, on pages: "1 Jul, 14:00" this year, "1 Jul 2025" in an earlier one (the
  // time of day of an old post matters little, and a thread page shows 51 of them).
  std::string compact(UnixMillis at) const;
  // The <time> element: relative text (compact() beyond a week), the full local time as its
  // title when that says more. Without `titled`, never a title: for the
  // replies of a thread page, where 50 titles would weigh more than 1.5 KB (DESIGN.md's 30 KB
  // page) for a tooltip that touch screens and screen readers mostly don't offer anyway.
  void element(Html& h, UnixMillis at, bool titled = true) const;

 private:
  bool in_earlier_year(UnixMillis at) const;  // in the viewer's zone

  UnixMillis now_;
  const date::time_zone* zone_ = nullptr;
};

// For this page's viewer, at the environment's current time.
TimeFormatter time_formatter(const PageContext& context);

}  // namespace hearth
