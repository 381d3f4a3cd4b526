#pragma once
// Reactions on posts ("Sending support", "Me too", "This helped"). One row per post,
// account and kind; the reactor's persona in the post's group is kept so that reactors are
// only ever shown as the personas they use in that group.
#include <array>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "store/database.hpp"

namespace hearth::reactions {

// Adds the reaction; false when it was already there.
bool add(Connection& c, PostId post_id, GroupId group_id, AccountId account, PersonaId persona, ReactionKind kind,
         UnixMillis at);
// Removes the reaction; false when there was none.
bool remove(Connection& c, PostId post_id, AccountId account, ReactionKind kind);

// Counts per kind, indexed by ReactionKind.
std::array<int64_t, 3> counts(Connection& c, PostId post_id);
bool has_reacted(Connection& c, PostId post_id, AccountId account, ReactionKind kind);

// Who reacted with `kind`, as the personas they show in the post's group, oldest first.
// Only reactors who are still active members are listed (a persona that left the group is
// no longer shown there).
struct Reactor {
  PersonaId persona_id = 0;
  std::string persona_name;
};
std::vector<Reactor> reactors(Connection& c, PostId post_id, ReactionKind kind, int limit);

}  // namespace hearth::reactions
