#include "store/message_settings.hpp"

namespace hearth::message_settings {

std::string allow_of(Connection& c, PersonaId persona) {
  return c.first<std::string>("SELECT allow FROM message_settings WHERE persona_id = ?", {persona},
                              [](const Row& r) { return r.text(0); })
      .value_or("members");
}

void set(Connection& c, PersonaId persona, AccountId account, const std::string& allow, UnixMillis at) {
  c.run(
      "INSERT INTO message_settings (persona_id, account_id, allow, updated_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (persona_id) DO UPDATE SET allow = excluded.allow, updated_at = excluded.updated_at",
      {persona, account, allow, at});
}

}  // namespace hearth::message_settings
