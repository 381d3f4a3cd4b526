#pragma once
// Who may send a private message to whom, and who may read one (docs/messages.md). Pure
// functions; actions/messages gathers the facts in its transaction and asks here.
//
// A refusal never says why: a member who switched messages off, one who blocked the sender
// (or was blocked), and one who has left the group all answer "isn't taking private
// messages right now", so that nobody learns of a block or of someone's settings.
#include <optional>
#include <string_view>

namespace hearth {

// "Who can send me private messages here", per persona.
enum class MessageAudience { members, moderators, nobody };
std::optional<MessageAudience> parse_message_audience(std::string_view name);  // "members", …
std::string_view message_audience_name(MessageAudience audience);
std::string_view message_audience_label(MessageAudience audience);  // "Members of this group", …
inline constexpr MessageAudience all_message_audiences[] = {MessageAudience::members, MessageAudience::moderators,
                                                             MessageAudience::nobody};

// The facts about one message about to be sent (or a conversation about to be started).
struct MessagingCase {
  bool same_account = false;          // writing to one of one's own personas
  bool sender_can_take_part = false;  // an active member who may post here (not banned)
  bool sender_moderates = false;      // a moderator (or admin, owner) of this group
  bool recipient_active = false;      // the recipient's persona is an active member here
  MessageAudience recipient_allows = MessageAudience::members;
  bool blocked = false;               // a block stands between the two, either way
  // The sender wrote first and the recipient hasn't accepted: pending, or declined (the
  // sender can't tell which, and isn't told).
  bool sender_awaits_acceptance = false;
};

enum class MessagingDecision {
  allowed,
  own_persona,          // "that's you"
  cannot_take_part,     // the sender may not take part in the group (their own standing, told plainly)
  unavailable,          // "this member isn't taking private messages right now", whatever the reason
  awaiting_acceptance,  // "your message is waiting for them to accept it" (also after a decline)
};

// Blocks hold for everyone, moderators included (a member who blocked a moderator still has
// the moderation tools' notices between them); the recipient's setting does not hold for the
// group's moderators, who need to reach members.
// A sender whose request hasn't been accepted waits; a moderator doesn't (their message makes
// the conversation an ordinary one).
MessagingDecision may_message(const MessagingCase& m);

// Message requests (DESIGN.md principle 10): a new conversation started by a member arrives as
// a request the recipient accepts or declines; one started by the group's moderators doesn't,
// because they need to reach members.
inline bool first_message_is_request(bool sender_moderates) {
  return !sender_moderates;
}

// A participant reads a conversation while they are an active member of its group and no
// block stands between the two sides; otherwise it is "not found" for them too.
inline bool can_read_conversation(bool participant, bool active_member, bool blocked) {
  return participant && active_member && !blocked;
}

// A group's moderators see a private message only when one of its two participants reported
// it, or a filter held or flagged it; never otherwise.
inline bool moderator_may_see_message(bool moderates, bool reported, bool held_or_flagged) {
  return moderates && (reported || held_or_flagged);
}

}  // namespace hearth
