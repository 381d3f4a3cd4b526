#include "policy/messaging.hpp"

namespace hearth {

std::optional<MessageAudience> parse_message_audience(std::string_view name) {
  for (const MessageAudience a : all_message_audiences) {
    if (message_audience_name(a) == name) return a;
  }
  return std::nullopt;
}

std::string_view message_audience_name(MessageAudience audience) {
  switch (audience) {
    case MessageAudience::members: return "members";
    case MessageAudience::moderators: return "moderators";
    case MessageAudience::nobody: return "nobody";
  }
  return "members";
}

std::string_view message_audience_label(MessageAudience audience) {
  switch (audience) {
    case MessageAudience::members: return "Members of this group";
    case MessageAudience::moderators: return "Only this group's moderators";
    case MessageAudience::nobody: return "Nobody";
  }
  return "Members of this group";
}

MessagingDecision may_message(const MessagingCase& m) {
  if (m.same_account) return MessagingDecision::own_persona;
  if (!m.sender_can_take_part) return MessagingDecision::cannot_take_part;
  if (m.blocked || !m.recipient_active) return MessagingDecision::unavailable;
  if (m.sender_moderates) return MessagingDecision::allowed;
  if (m.recipient_allows != MessageAudience::members) return MessagingDecision::unavailable;
  return m.sender_awaits_acceptance ? MessagingDecision::awaiting_acceptance : MessagingDecision::allowed;
}

}  // namespace hearth
