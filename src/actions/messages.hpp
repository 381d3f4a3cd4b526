#pragma once
// Private messages between two personas of one group (docs/messages.md).
//
// A message goes from the sender's persona in a group to another persona of that group, and
// the conversation stays in that group: the recipient sees only the persona the sender uses
// there. Who may message whom is policy/messaging.hpp; a refusal never says why. Every
// message passes the same safety filters as a reply (actions/filtering.hpp): a block or a
// prompt comes back as an error, a held message reaches the recipient only once a moderator
// approves it, crisis language is sent and the author is shown crisis lines.
//
// Nobody but the two participants reads a conversation; the group's moderators see a message
// only when a participant reports it or a filter held or flagged it (actions/moderation_messages).
// Messages are never indexed for search, never in feeds or live thread events.
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/filtering.hpp"
#include "actions/group_lookup.hpp"
#include "core/result.hpp"
#include "policy/messaging.hpp"
#include "store/messages.hpp"

namespace hearth {

inline constexpr int64_t messages_per_account_per_hour = 60;
inline constexpr int64_t new_conversations_per_account_per_hour = 20;
inline constexpr int max_messages_per_page = 50;
inline constexpr int max_conversations_per_page = 30;

// The words every refusal uses, whatever the reason (policy/messaging.hpp).
inline constexpr std::string_view message_unavailable_text = "This member isn't taking private messages right now.";
// What a sender whose request hasn't been accepted reads: the same whether the recipient
// hasn't answered yet or declined (docs/messages.md, "Message requests").
inline constexpr std::string_view message_waiting_text = "Your message is waiting for them to accept it.";

struct SentMessage {
  messages::ConversationId conversation_id = 0;
  messages::MessageId message_id = 0;
  bool held = false;     // waiting for a moderator before the recipient sees it
  bool request = false;  // the conversation waits for the recipient to accept it
};

// Starts (or continues) the conversation with a persona of the group. A group the sender
// may not read, or a persona that isn't an active member of it, is "not found".
Result<SentMessage> do_message_persona(const ActionEnvironment& env, AccountId sender, GroupId group_id,
                                       PersonaId to_persona, const std::string& body, std::string_view idempotency_key,
                                       const FilterChoice& choice = {}, FilterOutcome* outcome = nullptr);
// A message in an existing conversation of the sender's.
Result<SentMessage> do_send_message(const ActionEnvironment& env, AccountId sender,
                                    messages::ConversationId conversation_id, const std::string& body,
                                    std::string_view idempotency_key, const FilterChoice& choice = {},
                                    FilterOutcome* outcome = nullptr);
// The sender takes their message back: it keeps its place, "removed by its author".
Status do_delete_message(const ActionEnvironment& env, AccountId sender, messages::MessageId message_id);
// The message the sender asks to take back, for the page that asks "are you sure": theirs, in
// that conversation (which they may still read), and not taken back already; else not found.
Result<messages::Message> read_own_message(const ActionEnvironment& env, AccountId sender,
                                           messages::ConversationId conversation, messages::MessageId message_id);

// Message requests (docs/messages.md). The recipient of a request accepts it (the conversation
// becomes an ordinary one; accepting one already accepted is fine, and so is accepting one
// declined earlier) or declines it (it leaves their list; the sender is not told and can't
// write again in it). Writing in a request one received accepts it too. "Not found" for
// anyone but the two sides; the sender of a request gets the waiting words.
Status do_accept_message_request(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id);
Status do_decline_message_request(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id);

// Before the form: may the viewer write to this persona of the group? "not found" for a
// group or persona they can't reach; otherwise the persona and, when refused, the refusal.
struct MessageTarget {
  GroupInView group;
  PersonaId persona_id = 0;
  std::string persona_name;
  std::optional<messages::ConversationId> conversation;  // theirs already, if any
  std::optional<Error> refusal;
};
Result<MessageTarget> read_message_target(const ActionEnvironment& env, AccountId viewer, GroupId group_id,
                                          PersonaId persona_id);

// A conversation as one of its participants reads it: "not found" for anyone else.
struct ConversationView {
  GroupInView group;
  messages::ConversationId id = 0;
  PersonaId my_persona_id = 0;
  std::string my_persona_name;
  PersonaId other_persona_id = 0;
  std::string other_persona_name;
  std::vector<messages::Message> messages;                        // oldest first
  std::optional<messages::MessageId> earlier;                     // "earlier messages" start before this one
  int64_t unread_before = 0;                                      // how many were new when opened
  std::optional<Error> refusal;                                   // why the viewer can't write here now
  messages::RequestState request = messages::RequestState::none;  // the viewer's side
};
// Reading marks the conversation read for the viewer (a write after the read).
Result<ConversationView> read_conversation(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id,
                                           std::optional<messages::MessageId> before);

inline constexpr int max_requests_per_page = 30;

struct Inbox {
  std::vector<messages::ListEntry> conversations;
  std::optional<messages::ListCursor> next;
  int64_t unread_total = 0;
  std::vector<messages::RequestEntry> requests;  // the newest max_requests_per_page
  int64_t requests_total = 0;
};
Inbox read_inbox(const ActionEnvironment& env, AccountId viewer, std::optional<messages::ListCursor> after);

// What the header and the live count show: new messages in conversations, and requests
// waiting for an answer (counted apart: a request is not a conversation yet).
struct MessageCounts {
  int64_t unread = 0;
  int64_t requests = 0;
};
MessageCounts read_message_counts(const ActionEnvironment& env, AccountId viewer);
MessageCounts message_counts_in(Connection& c, AccountId viewer);

// "Who can send me private messages here", for one of the viewer's own personas.
Result<MessageAudience> read_message_audience(const ActionEnvironment& env, AccountId viewer, PersonaId persona);
Status do_set_message_audience(const ActionEnvironment& env, AccountId viewer, PersonaId persona,
                               MessageAudience audience);

}  // namespace hearth
