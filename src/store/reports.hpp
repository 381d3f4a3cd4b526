#pragma once
// Members' reports of posts and personas. One report per reporter and item; the reporter
// is never part of what moderators read (OpenItem has no reporter).
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "domain/moderation.hpp"
#include "store/database.hpp"

namespace hearth::reports {

struct NewReport {
  int64_t id = 0;
  GroupId group_id = 0;
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;  // the post or persona
  std::optional<ThreadId> thread_id;
  AccountId reporter = 0;
  ReportDraft draft;
  UnixMillis at = 0;
};
// Inserts the report unless this reporter already reported this item; true when inserted.
bool insert_once(Connection& c, const NewReport& report);

// Closes every open report on the item with this outcome; returns how many.
int64_t resolve_item(Connection& c, GroupId group_id, ReportItem item, int64_t item_id, ReportOutcome outcome,
                     UnixMillis at);

// An item's open reports, as moderators see them: how many, why, the notes.
struct OpenItem {
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;
  std::optional<ThreadId> thread_id;
  int64_t count = 0;
  bool at_risk = false;
  UnixMillis first_at = 0;
  std::vector<ReportReason> reasons;  // distinct, in the order first given
  std::vector<int> rules;             // distinct rule numbers named
  std::vector<std::string> notes;     // non-empty notes, oldest first
};
// Open reports grouped by item: "someone may be at risk" first, then the oldest.
std::vector<OpenItem> open_items(Connection& c, GroupId group_id, int limit);
// The open reports on one item (empty `count` when none).
OpenItem open_for(Connection& c, GroupId group_id, ReportItem item, int64_t item_id);

// What a member reported, newest first, with what came of it.
struct MyReport {
  int64_t id = 0;
  std::string group_slug;
  std::string group_name;
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;
  std::optional<ThreadId> thread_id;
  ReportReason reason = ReportReason::other;
  std::optional<int> rule;
  UnixMillis created_at = 0;
  ReportOutcome outcome = ReportOutcome::open;
  std::optional<UnixMillis> resolved_at;
  // For the caller's policy check (a hidden group the reporter left is not named).
  Privacy privacy = Privacy::hidden_group;
  std::optional<MembershipStatus> membership;
};
std::vector<MyReport> of_reporter(Connection& c, AccountId reporter, int limit);

// The median time from a report to a moderator's decision on it, over the reports decided
// since `since`; nothing when none was. (For the transparency card.)
std::optional<int64_t> median_ms_to_decision(Connection& c, GroupId group_id, UnixMillis since);

}  // namespace hearth::reports
