#pragma once
// Warnings, removals, mutes and bans: each member's strike history in a group.
//
// ANONYMITY: a sanction given through an anonymous post's handle is stored with the real
// account (so a mute or ban takes effect) but with no persona, and every read that
// moderators see selects by persona OR by handle, never by account: nothing here joins an
// anonymous author's handle to their persona. `account_id` is INTERNAL: it is read only for
// enforcement (active_mute, lift) and never returned for display.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "domain/moderation.hpp"
#include "store/database.hpp"

namespace hearth::sanctions {

// Whom a sanction or a note is about, as moderators may name them: a persona, or the
// author of an anonymous post by the post's handle. Exactly one is set.
struct Subject {
  std::optional<PersonaId> persona_id;
  std::string handle;
};

struct NewSanction {
  int64_t id = 0;
  GroupId group_id = 0;
  AccountId account_id = 0;  // INTERNAL: who it takes effect on
  Subject subject;
  std::optional<PostId> post_id;
  std::optional<ThreadId> thread_id;
  SanctionKind kind = SanctionKind::warning;
  std::string reason;  // shown to the member
  std::optional<int> rule;
  std::optional<UnixMillis> ends_at;  // mutes
  AccountId actor = 0;
  UnixMillis at = 0;
  // false: recorded as asked, but not in force (a handle sanction on the group's staff went
  // to the platform admins). Reads for moderators show it like any other.
  bool applied = true;
};
void insert(Connection& c, const NewSanction& sanction);

// The strike history of a subject, newest first, as the group's moderators see it.
struct Entry {
  int64_t id = 0;
  SanctionKind kind = SanctionKind::warning;
  std::string reason;
  std::optional<int> rule;
  std::optional<UnixMillis> ends_at;
  std::optional<UnixMillis> lifted_at;
  UnixMillis created_at = 0;
  std::optional<PostId> post_id;
  std::optional<ThreadId> thread_id;
  std::string actor_name;  // the moderator's persona in the group ("" when they left)
};
std::vector<Entry> history(Connection& c, GroupId group_id, const Subject& subject);

// What is in force on a subject, from its own history only.
struct Standing {
  std::optional<UnixMillis> muted_until;
  bool banned = false;
  int64_t strikes = 0;  // warnings and removals
};
Standing standing(const std::vector<Entry>& history, UnixMillis now);

// The mute in force on an account in a group (the latest end), for enforcement (applied
// sanctions only).
struct Mute {
  UnixMillis ends_at = 0;
  std::string reason;
};
std::optional<Mute> active_mute(Connection& c, GroupId group_id, AccountId account, UnixMillis now);

// Lifts the subject's mutes (or bans) in force; returns the accounts they were on (INTERNAL).
std::vector<AccountId> lift(Connection& c, GroupId group_id, const Subject& subject, SanctionKind kind, UnixMillis now);
// Whether an applied ban on the account is still in force in the group (through any subject).
// ENFORCEMENT ONLY: a ban through an anonymous post's handle leaves the membership row alone
// (actions/moderation_sanctions.cpp), so this, not the row's status, is what says the
// account may not take part; see memberships::find_own.
bool banned_in(Connection& c, GroupId group_id, AccountId account);
// The same test as an SQL condition on two column expressions (for queries over an account's
// own memberships, e.g. "m.group_id", "m.account_id").
std::string ban_in_force_sql(std::string_view group_column, std::string_view account_column);
// Whether a ban given through the member's persona is in force: only those show, as the
// membership's banned status, to moderators and members.
bool banned_by_persona_in(Connection& c, GroupId group_id, AccountId account);

// Bans and mutes in force in a group, as moderators may name them (persona or handle).
struct InForce {
  SanctionKind kind = SanctionKind::ban;
  Subject subject;
  std::string persona_name;  // for a persona subject
  std::string reason;
  std::optional<UnixMillis> ends_at;
  UnixMillis created_at = 0;
};
std::vector<InForce> in_force(Connection& c, GroupId group_id, UnixMillis now, int limit);

// What moderators told the member, across their groups, newest first: the member's own
// view (a sanction through a handle is theirs too; it says so). Applied sanctions only.
struct Notice {
  std::string group_slug;
  std::string group_name;
  SanctionKind kind = SanctionKind::warning;
  std::string reason;
  std::optional<int> rule;
  std::optional<UnixMillis> ends_at;
  std::optional<UnixMillis> lifted_at;
  UnixMillis created_at = 0;
  std::optional<PostId> post_id;
  std::optional<ThreadId> thread_id;
  bool about_anonymous_post = false;
  // For the caller's policy check: a hidden group the member no longer belongs to must not
  // be named (it doesn't exist for them any more).
  Privacy privacy = Privacy::hidden_group;
  std::optional<MembershipStatus> membership;  // the member's own, if any
};
std::vector<Notice> notices_for(Connection& c, AccountId account, int limit);

}  // namespace hearth::sanctions
