#pragma once
// Blocks between members, kept per persona (migrations/0013_blocks_and_mutes.sql,
// docs/blocking.md). A block is about the name the blocker saw, never the account behind it:
// Hearth never links two personas of one account, and a block must not do it either.
//
// What a viewer's blocks hide is decided by policy/blocking.hpp from a BlockSet; the store
// only keeps the rows. `blocked_account_id` is INTERNAL: it makes the blocked side's reads
// one index probe and is never rendered, serialised or compared with anything but a viewer.
#include <optional>
#include <string>
#include <vector>

#include "domain/account.hpp"
#include "domain/group.hpp"
#include "domain/persona.hpp"
#include "store/database.hpp"

namespace hearth {

// A viewer's blocks, both ways, as the personas whose posts they hide (sorted, for lookups).
struct BlockSet {
  std::vector<PersonaId> blocked;     // personas the viewer blocked
  std::vector<PersonaId> blocked_by;  // personas whose owners blocked the viewer (the blocker's
                                      // name in the group where they blocked)
  bool empty() const { return blocked.empty() && blocked_by.empty(); }
};

namespace persona_blocks {

struct Block {
  AccountId blocker_account_id = 0;
  PersonaId blocked_persona_id = 0;
  AccountId blocked_account_id = 0;
  PersonaId blocker_persona_id = 0;  // 0: the blocker had no persona in that group
  GroupId group_id = 0;
  UnixMillis created_at = 0;
};

// False when the blocker had already blocked that persona (the first block stays as it was).
bool add(Connection& c, const Block& block);
// False when there was no such block.
bool remove(Connection& c, AccountId blocker, PersonaId blocked_persona);
bool has_blocked(Connection& c, AccountId blocker, PersonaId blocked_persona);

// The blocker's list, newest first: the blocked persona's name and the group the block was
// made in (its name and address, for "People you've blocked").
struct Entry {
  PersonaId persona_id = 0;
  std::string persona_name;
  GroupId group_id = 0;
  std::string group_slug;  // empty when the group is gone
  std::string group_name;
  UnixMillis created_at = 0;
};
std::vector<Entry> list(Connection& c, AccountId blocker);

// Both directions for one viewer: two index probes, a handful of rows for most members.
BlockSet block_set(Connection& c, AccountId viewer);

// Whether a block stands between the viewer and a post written as `author_persona` (either
// direction). The caller has already left anonymous posts out (policy/blocking.hpp).
bool between(Connection& c, AccountId viewer, PersonaId author_persona);

}  // namespace persona_blocks
}  // namespace hearth
