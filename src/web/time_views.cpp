#include "web/time_views.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

#include <array>
#include <chrono>

namespace hearth {
namespace {

constexpr std::array<const char*, 12> month_names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Civil {
  int year;
  unsigned month, day, hour, minute, second;
};

Civil civil(std::chrono::seconds since_epoch) {
  const date::sys_days days = std::chrono::floor<date::days>(date::sys_seconds(since_epoch));
  const date::year_month_day ymd{days};
  const auto rest = since_epoch - std::chrono::duration_cast<std::chrono::seconds>(days.time_since_epoch());
  const auto s = static_cast<unsigned>(rest.count());
  return {static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
          s / 3600, s / 60 % 60, s % 60};
}

std::chrono::seconds seconds_of(UnixMillis at) { return std::chrono::floor<std::chrono::seconds>(std::chrono::milliseconds(at)); }

}  // namespace

TimeFormatter::TimeFormatter(UnixMillis now, std::string_view zone) : now_(now) {
  if (zone.empty()) return;
  try {
    zone_ = date::locate_zone(zone);
  } catch (const std::exception&) {
    zone_ = nullptr;  // an unknown zone: UTC, as core/time_zone does
  }
}

std::string TimeFormatter::rfc3339(UnixMillis at) const {
  const Civil c = civil(seconds_of(at));
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", c.year, c.month, c.day, c.hour, c.minute, c.second);
}

std::string TimeFormatter::local(UnixMillis at) const {
  std::chrono::seconds s = seconds_of(at);
  if (zone_) s += zone_->get_info(date::sys_seconds(s)).offset;
  const Civil c = civil(s);
  return fmt::format("{} {} {}, {:02}:{:02}{}", c.day, month_names[c.month - 1], c.year, c.hour, c.minute,
                     zone_ ? "" : " UTC");
}

std::string TimeFormatter::relative(UnixMillis at) const {
  const int64_t seconds = std::max<int64_t>(0, (now_ - at) / 1000);
  const auto ago = [](int64_t n, const char* unit) { return fmt::format("{} {}{} ago", n, unit, n == 1 ? "" : "s"); };
  if (seconds < 60) return "just now";
  if (seconds < 3600) return ago(seconds / 60, "minute");
  if (seconds < 86400) return ago(seconds / 3600, "hour");
  if (seconds < 7 * 86400) return ago(seconds / 86400, "day");
  return local(at);
}

bool TimeFormatter::in_earlier_year(UnixMillis at) const {
  std::chrono::seconds s = seconds_of(at);
  std::chrono::seconds today = seconds_of(now_);
  if (zone_) {
    s += zone_->get_info(date::sys_seconds(s)).offset;
    today += zone_->get_info(date::sys_seconds(today)).offset;
  }
  return civil(s).year < civil(today).year;
}

std::string TimeFormatter::compact(UnixMillis at) const {
  std::chrono::seconds s = seconds_of(at);
  if (zone_) s += zone_->get_info(date::sys_seconds(s)).offset;
  const Civil c = civil(s);
  if (in_earlier_year(at)) return fmt::format("{} {} {}", c.day, month_names[c.month - 1], c.year);
  return fmt::format("{} {}, {:02}:{:02}{}", c.day, month_names[c.month - 1], c.hour, c.minute, zone_ ? "" : " UTC");
}

void TimeFormatter::element(Html& h, UnixMillis at, bool titled) const {
  // The datetime value is digits and fixed letters, so it needs no quotes. It says what the
  // text says: the instant to the minute, or the viewer's local date when only the date is
  // shown (a thread page has 51 of them).
  const bool recent = now_ - at < int64_t{7} * 86400 * 1000;
  if (!recent && in_earlier_year(at)) {
    std::chrono::seconds s = seconds_of(at);
    if (zone_) s += zone_->get_info(date::sys_seconds(s)).offset;
    const Civil local_day = civil(s);
    h.m("<time datetime=").t(fmt::format("{:04}-{:02}-{:02}", local_day.year, local_day.month, local_day.day));
  } else {
    const Civil utc = civil(seconds_of(at));
    h.m("<time datetime=").t(fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}Z", utc.year, utc.month, utc.day, utc.hour,
                                         utc.minute));
  }
  const std::string shown = recent ? relative(at) : compact(at);
  if (titled) {
    if (std::string full = local(at); full != shown) h.m(" title=\"").t(full).m("\"");
  }
  h.m(">").t(shown).m("</time>");
}

TimeFormatter time_formatter(const PageContext& context) {
  return TimeFormatter(context.env.clock.now(), context.time_zone());
}

}  // namespace hearth
