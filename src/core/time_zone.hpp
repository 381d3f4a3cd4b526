#pragma once
// Time zones (IANA names, from the system's tzdata) and how times are written: stored as
// UTC milliseconds, shown in the viewer's zone.
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace hearth {

bool is_valid_time_zone(std::string_view name);
// Every canonical zone name, sorted ("Africa/Abidjan" … "Pacific/Wallis"), plus "UTC".
const std::vector<std::string>& all_time_zones();

// "2026-11-21T10:15:00Z": for datetime attributes and the API.
std::string format_rfc3339(UnixMillis at);
// "21 Nov 2026, 10:15" in the given zone (UTC when the zone is empty or unknown).
std::string format_local(UnixMillis at, std::string_view zone);
// Minutes to add to UTC for local time in the zone at that moment (0 for UTC or an unknown
// zone): 600 for Sydney in winter, -300 for New York in winter.
int utc_offset_minutes(UnixMillis at, std::string_view zone);
// "just now", "5 minutes ago", "3 hours ago", "2 days ago", or the local date beyond a week.
std::string format_relative(UnixMillis at, UnixMillis now, std::string_view zone);

}  // namespace hearth
