#pragma once
// "How this group is run": the transparency card on the group page and the join screen.
// Computed from live data so that someone deciding whether a group is safe to open up in
// sees how it is actually looked after, not how it describes itself.
#include <cstdint>
#include <optional>

#include "core/html.hpp"
#include "domain/group.hpp"
#include "domain/moderation.hpp"
#include "store/database.hpp"
#include "store/kindness_outcomes.hpp"
#include "store/moderation_log.hpp"
#include "store/posts.hpp"
#include "store/verifications.hpp"

namespace hearth {

struct TransparencyFacts {
  moderation_log::Activity moderation;  // the last 30 days
  std::optional<int64_t> median_ms_to_decision;  // reports decided in the last 90 days
  posts::HeldShare held;                // posts of the last 30 days
  kindness_outcomes::Totals kindness;   // the kindness nudge, the last 30 days
  ModerationSettings settings;
  int64_t volunteers = 0;
  verifications::BadgeCounts verified;  // members whose persona here shows a verified badge
  int64_t member_count = 0;
};
TransparencyFacts load_transparency_facts(Connection& c, const Group& group, UnixMillis now);

// `time_zone`: the viewer's, for the hours when moderators act ("" = UTC). `log_link`: the
// viewer may read the group's moderation log.
void transparency_card(Html& h, const Group& group, const TransparencyFacts& facts, UnixMillis now,
                       std::string_view time_zone, bool log_link);

}  // namespace hearth
