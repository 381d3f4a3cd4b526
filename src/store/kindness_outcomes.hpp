#pragma once
// The kindness nudge's outcomes, per group: how often it was shown, and how often the author
// then edited, cancelled or posted anyway. Counted per day and nothing else (no post, no
// account), for the transparency card.
#include "domain/group.hpp"
#include "store/database.hpp"

namespace hearth::kindness_outcomes {

enum class Outcome { shown, edited, cancelled, posted_anyway };

// Adds one to the group's count of `outcome` for the day of `at` (UTC).
void count(Connection& c, GroupId group_id, Outcome outcome, UnixMillis at);

struct Totals {
  int64_t shown = 0;
  int64_t edited = 0;
  int64_t cancelled = 0;
  int64_t posted_anyway = 0;
};
// The group's counts from the day of `since` on.
Totals since(Connection& c, GroupId group_id, UnixMillis since);

}  // namespace hearth::kindness_outcomes
