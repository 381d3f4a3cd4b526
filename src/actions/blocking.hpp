#pragma once
// Blocking a member (docs/blocking.md). A member blocks a persona they met in a group; the
// two then no longer see each other's posts written under those names, can't reply to
// them, and don't see each other in member lists. Moderators' tools are unaffected.
// Anonymous posts are never affected (policy/blocking.hpp says why).
//
// Private: no notification, no audit row, no moderation-log row. The rows themselves are the
// record, and the blocked member learns of the block only as its effects.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "policy/blocking.hpp"
#include "store/memberships.hpp"
#include "store/persona_blocks.hpp"
#include "store/posts.hpp"

namespace hearth {

// The persona a member is about to block, as the confirmation page shows it.
struct BlockTarget {
  PersonaId persona_id = 0;
  std::string persona_name;
  bool already_blocked = false;
};

// The persona, if the viewer may block it there: it shows in a group the viewer may read, and
// isn't the viewer's own. A group or persona the viewer can't reach is "not found".
Result<BlockTarget> read_block_target(const ActionEnvironment& env, AccountId account, GroupId group_id,
                                      PersonaId persona_id);

// Blocks the persona (blocking twice changes nothing). The viewer's own name in that group, if
// they have one, is the name the other side stops seeing.
Status do_block_persona(const ActionEnvironment& env, AccountId account, GroupId group_id, PersonaId persona_id);
// Lifts the viewer's block of the persona; nothing to lift is fine (a repeated click).
Status do_unblock_persona(const ActionEnvironment& env, AccountId account, PersonaId persona_id);

std::vector<persona_blocks::Entry> read_blocks(const ActionEnvironment& env, AccountId account);
BlockSet read_block_set(const ActionEnvironment& env, AccountId account);

// Takes out of a member list the personas a block stands between the viewer and (either
// direction); returns how many it took out.
int64_t drop_blocked_members(std::vector<memberships::MemberEntry>& members, const BlockSet& blocks);

// For a reply: the refusal when a block stands between the viewer and the author of the post
// answered (never for an anonymous post). Inside the reply's write transaction.
Status check_reply_not_blocked(Connection& c, AccountId account, const posts::Post& parent);
// The same for a new reaction (taking one back is always allowed).
Status check_reaction_not_blocked(Connection& c, AccountId account, const posts::Post& post);
// The words of that refusal, for pages that leave the reply form out.
std::string blocked_reply_message(BlockEffect effect);

}  // namespace hearth
