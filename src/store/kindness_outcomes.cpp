#include "store/kindness_outcomes.hpp"

#include <string>

namespace hearth::kindness_outcomes {
namespace {

constexpr int64_t ms_per_day = int64_t{24} * 3600 * 1000;

int64_t day_of(UnixMillis at) {
  return at >= 0 ? at / ms_per_day : (at - ms_per_day + 1) / ms_per_day;
}

// A fixed column name per outcome, never text from outside.
std::string_view column(Outcome outcome) {
  switch (outcome) {
    case Outcome::shown:
      return "shown";
    case Outcome::edited:
      return "edited";
    case Outcome::cancelled:
      return "cancelled";
    case Outcome::posted_anyway:
      return "posted_anyway";
  }
  return "shown";
}

}  // namespace

void count(Connection& c, GroupId group_id, Outcome outcome, UnixMillis at) {
  const std::string name(column(outcome));
  c.run("INSERT INTO kindness_outcomes (group_id, day, " + name + ") VALUES (?, ?, 1)" +
            " ON CONFLICT (group_id, day) DO UPDATE SET " + name + " = kindness_outcomes." + name + " + 1",
        {group_id, day_of(at)});
}

Totals since(Connection& c, GroupId group_id, UnixMillis since) {
  return c
      .first<Totals>(
          "SELECT COALESCE(SUM(shown), 0), COALESCE(SUM(edited), 0), COALESCE(SUM(cancelled), 0),"
          " COALESCE(SUM(posted_anyway), 0) FROM kindness_outcomes WHERE group_id = ? AND day >= ?",
          {group_id, day_of(since)}, [](const Row& r) { return Totals{r.i64(0), r.i64(1), r.i64(2), r.i64(3)}; })
      .value_or(Totals{});
}

}  // namespace hearth::kindness_outcomes
