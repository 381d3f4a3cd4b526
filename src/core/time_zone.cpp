#include "core/time_zone.hpp"

#include <date/tz.h>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "core/text.hpp"

namespace hearth {
namespace {

std::chrono::sys_time<std::chrono::milliseconds> to_sys(UnixMillis at) {
  return std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at));
}

const date::time_zone* find_zone(std::string_view name) {
  if (name.empty()) return nullptr;
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

bool is_valid_time_zone(std::string_view name) { return find_zone(name) != nullptr; }

const std::vector<std::string>& all_time_zones() {
  static const std::vector<std::string> zones = [] {
    std::vector<std::string> names;
    for (const auto& zone : date::get_tzdb().zones) {
      const std::string name(zone.name());
      // Keep the region/city names people recognise; skip legacy aliases like "EST5EDT".
      if (name.find('/') != std::string::npos && name.rfind("Etc/", 0) != 0) names.push_back(name);
    }
    names.push_back("UTC");
    std::sort(names.begin(), names.end());
    return names;
  }();
  return zones;
}

std::string format_rfc3339(UnixMillis at) {
  return date::format("%FT%TZ", std::chrono::floor<std::chrono::seconds>(to_sys(at)));
}

int utc_offset_minutes(UnixMillis at, std::string_view zone_name) {
  const auto* zone = find_zone(zone_name);
  if (!zone) return 0;
  const auto info = zone->get_info(std::chrono::floor<std::chrono::seconds>(to_sys(at)));
  return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
}

std::string format_local(UnixMillis at, std::string_view zone_name) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(to_sys(at));
  if (const auto* zone = find_zone(zone_name)) {
    return std::string(trim(date::format("%e %b %Y, %H:%M", date::make_zoned(zone, seconds))));
  }
  return std::string(trim(date::format("%e %b %Y, %H:%M UTC", seconds)));
}

std::string format_relative(UnixMillis at, UnixMillis now, std::string_view zone) {
  const int64_t seconds = std::max<int64_t>(0, (now - at) / 1000);
  const auto plural = [](int64_t n, const char* unit) {
    return fmt::format("{} {}{} ago", n, unit, n == 1 ? "" : "s");
  };
  if (seconds < 60) return "just now";
  if (seconds < 3600) return plural(seconds / 60, "minute");
  if (seconds < 86400) return plural(seconds / 3600, "hour");
  if (seconds < 7 * 86400) return plural(seconds / 86400, "day");
  return format_local(at, zone);
}

}  // namespace hearth
