#pragma once
// "Who can send me private messages here", per persona (docs/messages.md). No row means the
// default: members of the group. What the setting allows is decided by policy/messaging.hpp.
#include <string>

#include "domain/persona.hpp"
#include "store/database.hpp"

namespace hearth::message_settings {

// "members", "moderators" or "nobody"; "members" when the persona has no row.
std::string allow_of(Connection& c, PersonaId persona);
void set(Connection& c, PersonaId persona, AccountId account, const std::string& allow, UnixMillis at);

}  // namespace hearth::message_settings
