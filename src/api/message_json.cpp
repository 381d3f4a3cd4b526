#include "api/message_json.hpp"

#include "api/group_json.hpp"
#include "core/time_zone.hpp"

namespace hearth {

boost::json::object message_card_json(const messages::QueueCard& card) {
  const messages::Message& m = card.message;
  return {{"id", std::to_string(m.id)},
          {"from", persona_ref(m.sender_persona_id, card.sender_persona_name)},
          {"to_name", card.recipient_persona_name},
          {"sent_at", format_rfc3339(m.created_at)},
          {"body", m.body},
          {"body_html", m.body_html},
          {"held", m.held_at.has_value()},
          {"held_reason", m.held_reason},
          {"flagged", m.flag_open},
          {"flag_words", m.flag_words},
          {"at_risk", m.at_risk}};
}

}  // namespace hearth
