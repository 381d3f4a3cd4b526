#pragma once
// Items a group's moderators hand to the platform admins, and what the admins made of them.
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/moderation.hpp"
#include "store/database.hpp"

namespace hearth::escalations {

struct NewEscalation {
  int64_t id = 0;
  GroupId group_id = 0;
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;
  std::optional<ThreadId> thread_id;
  std::string reason;
  AccountId escalated_by = 0;
  UnixMillis at = 0;
};
void insert(Connection& c, const NewEscalation& escalation);

// As the platform admins read it: the group, the item and the moderators' words. An
// anonymous post stays anonymous here too (unmasking is its own, recorded procedure).
struct Escalation {
  int64_t id = 0;
  GroupId group_id = 0;
  std::string group_slug;
  std::string group_name;
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;
  std::optional<ThreadId> thread_id;
  std::string reason;
  UnixMillis created_at = 0;
  std::optional<UnixMillis> resolved_at;
  std::string resolution;
};
// Open ones oldest first, then the recently resolved ones.
std::vector<Escalation> list(Connection& c, int limit);
std::optional<Escalation> find(Connection& c, int64_t id);
// false when there is no such open escalation.
bool resolve(Connection& c, int64_t id, AccountId admin, const std::string& resolution, UnixMillis at);

}  // namespace hearth::escalations
