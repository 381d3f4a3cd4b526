#pragma once
// A group's moderation settings: new members' first posts held for approval, slow mode,
// anonymous posts held for approval. A group without a row has everything off.
#include "domain/group.hpp"
#include "domain/moderation.hpp"
#include "store/database.hpp"

namespace hearth::moderation_settings {

ModerationSettings find(Connection& c, GroupId group_id);
void save(Connection& c, GroupId group_id, const ModerationSettings& settings);

}  // namespace hearth::moderation_settings
