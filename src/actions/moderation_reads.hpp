#pragma once
// What the moderation pages and endpoints read, with the permission check in front of each:
// the queue, a post's and a member's moderation record, the log (public or full), the
// group's settings, and a member's own reports and notices.
//
// Nothing here carries an account id. An anonymous post's author appears only as its
// handle; the history and notes shown with it are the handle's own.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/group_lookup.hpp"
#include "core/result.hpp"
#include "store/filter_flags.hpp"
#include "store/messages.hpp"
#include "store/moderation_log.hpp"
#include "store/moderation_queue.hpp"
#include "store/moderator_notes.hpp"
#include "store/reports.hpp"
#include "store/sanctions.hpp"

namespace hearth {

// One item of the queue: a post (reported, held, flagged by a filter, or several of these)
// or a reported persona.
struct QueueEntry {
  reports::OpenItem reports;  // count 0 for a held post nobody reported
  std::optional<moderation_queue::PostCard> post;
  std::optional<moderation_queue::PersonaCard> persona;
  std::string handle;  // an anonymous post's
  UnixMillis since = 0;
  std::vector<filter_flags::Flag> flags;  // what the safety filters found in the post
  std::optional<messages::QueueCard> message;  // a private message (reported, held or flagged)

  // "Someone may be at risk": a report said so, or the crisis filter did.
  bool at_risk() const;
};
struct QueueView {
  GroupInView group;
  std::vector<std::string> rules;
  std::vector<QueueEntry> items;  // "someone may be at risk" first, then the oldest
  std::vector<sanctions::InForce> in_force;
  ModerationSettings settings;
};
inline constexpr int max_queue_items = 200;
Result<QueueView> read_moderation_queue(const ActionEnvironment& env, AccountId moderator, GroupId group_id);

// A post and whoever wrote it, for the moderator deciding what to do.
struct PostModerationView {
  GroupInView group;
  std::vector<std::string> rules;
  moderation_queue::PostCard post;
  std::string handle;                                   // anonymous posts
  std::optional<moderation_queue::PersonaCard> author;  // signed posts
  reports::OpenItem reports;
  std::vector<filter_flags::Flag> flags;  // open, from the safety filters
  std::vector<sanctions::Entry> history;  // the author's (the handle's, for an anonymous post)
  sanctions::Standing standing;
  std::vector<moderator_notes::Note> notes;
};
Result<PostModerationView> read_post_moderation(const ActionEnvironment& env, AccountId moderator, PostId post_id);

struct MemberModerationView {
  GroupInView group;
  std::vector<std::string> rules;
  moderation_queue::PersonaCard persona;
  reports::OpenItem reports;
  std::vector<sanctions::Entry> history;
  sanctions::Standing standing;
  std::vector<moderator_notes::Note> notes;
};
Result<MemberModerationView> read_member_moderation(const ActionEnvironment& env, AccountId moderator, GroupId group_id,
                                                    PersonaId persona);

// The log: its public side for whoever may read the group, all of it for moderators.
struct LogView {
  bool full = false;
  std::vector<moderation_log::Line> lines;
};
std::optional<LogView> read_moderation_log(const ActionEnvironment& env, std::optional<AccountId> viewer,
                                           GroupId group_id, std::optional<UnixMillis> before);

// The group's moderation settings, for whoever may read the group (they say how posting works).
std::optional<ModerationSettings> read_moderation_settings(const ActionEnvironment& env,
                                                           std::optional<AccountId> viewer, GroupId group_id);

// The member's own reports and notices. A hidden group they no longer belong to doesn't
// exist for them: its name and address are left empty.
std::vector<reports::MyReport> read_my_reports(const ActionEnvironment& env, AccountId account);
std::vector<sanctions::Notice> read_my_notices(const ActionEnvironment& env, AccountId account);

}  // namespace hearth
