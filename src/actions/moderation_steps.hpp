#pragma once
// Internal to actions/moderation*.cpp: the pieces one moderation transaction is made of.
#include <optional>
#include <string>
#include <vector>

#include "actions/group_lookup.hpp"
#include "actions/moderation_target.hpp"
#include "domain/moderation.hpp"

namespace hearth::moderation_steps {

// Everything one moderation transaction works with.
struct Scene {
  const ActionEnvironment& env;
  Connection& c;
  AccountId moderator = 0;
  GroupInView group;
  std::vector<std::string> rules;
  UnixMillis now = 0;
  ModerationTarget target;
  std::optional<posts::Post> post;  // when acting through a post
  ReportItem item = ReportItem::post;
  int64_t item_id = 0;
};

// What to announce on the change feed once the transaction has committed.
struct Changes {
  std::optional<ThreadId> thread;
  bool group = false;
};

// "Removed a reply. Breaks rule 2: No medical advice." — what members read in the log.
std::string public_summary(std::string_view what, std::optional<int> rule, const std::vector<std::string>& rules);

// One log line about the scene's target (`about_post`: the post itself rather than its author).
void log(Scene& s, std::string_view action, bool about_post, const std::string& summary, const ModerationRequest& r);

// A strike for a removed post, on the target's history.
void removal_strike(Scene& s, const ModerationRequest& r);
// Warn, mute or ban the target; lift a mute or a ban; a private note.
Status sanction(Scene& s, const ModerationRequest& r, Changes& changes);
Status lift(Scene& s, const ModerationRequest& r, Changes& changes);
void note(Scene& s, const ModerationRequest& r);
// Hands the item to the platform admins.
void escalate(Scene& s, const std::string& reason);

}  // namespace hearth::moderation_steps
