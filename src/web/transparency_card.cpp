#include "web/transparency_card.hpp"

#include <fmt/format.h>

#include <string>
#include <vector>

#include "core/time_zone.hpp"
#include "policy/group_access.hpp"
#include "store/memberships.hpp"
#include "store/moderation_settings.hpp"
#include "store/reports.hpp"
#include "web/group_views.hpp"

namespace hearth {
namespace {

constexpr int64_t day_ms = int64_t{24} * 3600 * 1000;

// Rounded to the nearest whole percent.
int64_t percent_of(int64_t part, int64_t whole) { return whole == 0 ? 0 : (part * 100 + whole / 2) / whole; }

std::string hour_label(int hour) { return fmt::format("{:02}:00", hour % 24); }

// The local hours in which moderators acted, as ranges: "08:00–12:00 and 19:00–23:00".
// An hour "counts" when any action fell in it during the last 30 days.
std::string acting_hours(const moderation_log::Activity& activity, int offset_minutes) {
  bool local[24] = {};
  for (int utc = 0; utc < 24; ++utc) {
    if (activity.actions_by_utc_hour[utc] == 0) continue;
    // Half-hour zones round to the hour the action most likely fell in.
    const int shifted = ((utc * 60 + offset_minutes) % 1440 + 1440) % 1440;
    local[shifted / 60] = true;
  }
  std::vector<std::string> ranges;
  int all = 0;
  for (bool on : local) all += on ? 1 : 0;
  if (all == 24) return "at every hour of the day";
  // Start at an hour nobody acts, so a range across midnight stays in one piece.
  int start = 0;
  while (local[start]) ++start;
  for (int i = 1; i <= 24; ++i) {
    const int hour = (start + i) % 24;
    if (!local[hour]) continue;
    int end = hour;
    while (local[(end + 1) % 24] && (end + 1) % 24 != start) end = (end + 1) % 24;
    ranges.push_back(hour_label(hour) + "–" + hour_label(end + 1));
    i += (end - hour + 24) % 24;
  }
  std::string text;
  for (std::size_t i = 0; i < ranges.size(); ++i) {
    if (i > 0) text += i + 1 == ranges.size() ? " and " : ", ";
    text += ranges[i];
  }
  return "between " + text;
}

void moderation_facts(Html& h, const TransparencyFacts& facts, UnixMillis now, std::string_view time_zone) {
  const moderation_log::Activity& activity = facts.moderation;
  h.m("<dt>Moderation</dt><dd>");
  if (activity.active_moderators == 0) {
    h.m("<strong>Nobody has moderated this group in the last 30 days.</strong> Posts here are not being checked.");
  } else {
    if (activity.active_moderators == 1) h.m("1 moderator looked after this group in the last 30 days, ");
    else h.num(activity.active_moderators).m(" moderators looked after this group in the last 30 days, ");
    h.t(acting_hours(activity, utc_offset_minutes(now, time_zone)));
    if (time_zone.empty()) h.m(" (UTC). At other hours nobody may be watching.");
    else h.m(" (your time). At other hours nobody may be watching.");
  }
  h.m("</dd><dt>Reports</dt><dd>");
  if (facts.median_ms_to_decision) {
    h.m("Half of all reports were dealt with within ").t(describe_duration((*facts.median_ms_to_decision + 999) / 1000)).m(" (last 90 days).");
  } else {
    h.m("No reports were dealt with in the last 90 days.");
  }
  h.m("</dd>");
}

void posting_facts(Html& h, const Group& group, const TransparencyFacts& facts) {
  const ModerationSettings& s = facts.settings;
  h.m("<dt>Anonymous posts</dt><dd>");
  if (!group.anonymous_posting) {
    h.m("Not allowed. Every post shows the author's pseudonym in this group.");
  } else if (s.hold_anonymous) {
    h.m("Allowed, after a moderator's approval. Moderators can act on an anonymous post but don't see who wrote it.");
  } else {
    h.m("Allowed. Members may post as \"Anonymous member\"; moderators can act on the post but don't see who wrote "
        "it.");
  }
  h.m("</dd>");
  if (s.hold_first_posts > 0 || facts.held.held > 0) {
    h.m("<dt>Posts checked first</dt><dd>");
    if (s.hold_first_posts == 1) h.m("A new member's first post waits for a moderator. ");
    else if (s.hold_first_posts > 1) h.m("A new member's first ").num(s.hold_first_posts).m(" posts wait for a moderator. ");
    if (facts.held.posts > 0) {
      h.num(percent_of(facts.held.held, facts.held.posts)).m("% of posts in the last 30 days waited for a moderator's review");
      if (facts.held.by_filters > 0) {
        h.m(", ").num(percent_of(facts.held.by_filters, facts.held.posts))
            .m("% because the group's word filters or the check for other people's details held them");
      }
      h.m(".");
    }
    h.m("</dd>");
  }
  if (s.slow_mode_seconds > 0) {
    h.m("<dt>Slow mode</dt><dd>Each member can post once every ").t(describe_duration(s.slow_mode_seconds)).m(".</dd>");
  }
}

// The kindness nudge ("Would you like to rephrase?") in aggregate: how often it asked, and what
// the authors then did. Counts only, never which post or who (store/kindness_outcomes.hpp).
// Below `min_prompts_broken_down` the outcomes are not broken down: with one or two prompts
// in a small group, "1 posted as written" beside a reply that just appeared would point at its
// author.
constexpr int64_t min_prompts_broken_down = 5;

void kindness_facts(Html& h, const kindness_outcomes::Totals& k) {
  if (k.shown == 0) return;
  if (k.shown < min_prompts_broken_down) {
    h.m("<dt>Kindness prompts</dt><dd>In the last 30 days Hearth asked a few times whether a reply could be "
        "worded more kindly.</dd>");
    return;
  }
  h.m("<dt>Kindness prompts</dt><dd>In the last 30 days Hearth asked ").num(k.shown)
      .m(" times whether a reply could be worded more kindly: ")
      .num(k.edited).m(" rephrased, ").num(k.cancelled).m(" decided not to post, ").num(k.posted_anyway)
      .m(" posted as written.</dd>");
}

// Members whose persona here shows a badge Hearth's admins verified. Members who were verified
// but keep the badge hidden in this group are not counted: counting them would disclose what
// they chose not to show.
void verified_facts(Html& h, const verifications::BadgeCounts& verified) {
  const int64_t professionals = verified.health_professionals;
  const int64_t volunteers = verified.peer_volunteers;
  h.m("<dt>Verified professionals</dt><dd>");
  if (professionals + volunteers == 0) {
    h.m("No member shows a verified health professional or trained peer volunteer badge here.");
  } else {
    if (professionals > 0) {
      h.num(professionals).t(professionals == 1 ? " verified health professional" : " verified health professionals");
      if (volunteers > 0) h.m(" and ");
    }
    if (volunteers > 0) h.num(volunteers).t(volunteers == 1 ? " trained peer volunteer" : " trained peer volunteers");
    h.t(professionals + volunteers == 1 ? " takes part" : " take part")
        .m(". Hearth's admins checked their registration or training.");
  }
  h.m("</dd>");
}

}  // namespace

TransparencyFacts load_transparency_facts(Connection& c, const Group& group, UnixMillis now) {
  TransparencyFacts facts;
  facts.moderation = moderation_log::activity_since(c, group.id, now - 30 * day_ms);
  facts.median_ms_to_decision = reports::median_ms_to_decision(c, group.id, now - 90 * day_ms);
  facts.held = posts::held_share_since(c, group.id, now - 30 * day_ms);
  facts.kindness = kindness_outcomes::since(c, group.id, now - 30 * day_ms);
  facts.settings = moderation_settings::find(c, group.id);
  facts.volunteers = memberships::count_volunteers(c, group.id);
  facts.verified = verifications::count_in_group(c, group.id);
  facts.member_count = memberships::count_active(c, group.id);
  return facts;
}

void transparency_card(Html& h, const Group& group, const TransparencyFacts& facts, UnixMillis now,
                       std::string_view time_zone, bool log_link) {
  h.m("<section class=\"card transparency\" aria-labelledby=\"how-run\"><h2 id=\"how-run\">How this group is run</h2>"
      "<dl class=\"facts\"><dt>Who can read</dt><dd>")
      .t(privacy_label(group.privacy)).m(". ").t(privacy_explained(group.privacy)).m("</dd>");
  moderation_facts(h, facts, now, time_zone);
  h.m("<dt>Trained volunteers</dt><dd>");
  if (facts.volunteers == 0) h.m("No trained volunteers are members.");
  else if (facts.volunteers == 1) h.m("1 trained volunteer is a member.");
  else h.num(facts.volunteers).m(" trained volunteers are members.");
  h.m("</dd>");
  verified_facts(h, facts.verified);
  posting_facts(h, group, facts);
  kindness_facts(h, facts.kindness);
  if (shows_member_count(group.privacy)) {
    h.m("<dt>Members</dt><dd>").num(facts.member_count).t(facts.member_count == 1 ? " member" : " members").m("</dd>");
  }
  h.m("</dl>");
  if (log_link) h.m("<p><a href=\"").t(group_url(group, "/moderation/log")).m("\">What moderators did, and why</a></p>");
  h.m("</section>");
}

}  // namespace hearth
