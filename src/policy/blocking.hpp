#pragma once
// What a block between members changes for a viewer (docs/blocking.md): pure functions over
// the viewer's BlockSet (store/persona_blocks.hpp).
//
// ANONYMITY FIRST. A block is about a persona, and an anonymous post shows no persona. If a
// block folded away "Anonymous B"'s post, or refused a reply to it, the viewer would learn
// that Anonymous B is the person they blocked (or who blocked them). So an anonymous post is
// never affected by a block, in any direction, on any page, in search or in live updates;
// callers pass `anonymous` and get `none` for it.
#include <algorithm>

#include "store/persona_blocks.hpp"

namespace hearth {

enum class BlockEffect {
  none,
  you_blocked,  // the viewer blocked the author's persona: folded away, theirs to open
  blocked_you,  // the author blocked the viewer: "This post isn't available to you"
};

// `author_persona` is the persona the post is shown under (0 when removed or anonymous).
inline BlockEffect block_effect(const BlockSet& blocks, bool anonymous, PersonaId author_persona) {
  if (anonymous || author_persona == 0) return BlockEffect::none;
  if (std::binary_search(blocks.blocked.begin(), blocks.blocked.end(), author_persona)) {
    return BlockEffect::you_blocked;
  }
  if (std::binary_search(blocks.blocked_by.begin(), blocks.blocked_by.end(), author_persona)) {
    return BlockEffect::blocked_you;
  }
  return BlockEffect::none;
}

// Whether a member list hides this persona from the viewer (either direction).
inline bool hides_member(const BlockSet& blocks, PersonaId persona) {
  return block_effect(blocks, false, persona) != BlockEffect::none;
}

// A member may block a persona other than their own (the account behind it is compared, never
// shown). Blocking is for members: anyone logged in who may read the group.
inline bool can_block(bool is_own_persona) { return !is_own_persona; }

}  // namespace hearth
