#pragma once
// Private messages between two personas of one group (migrations/0014_private_messages.sql,
// docs/messages.md): conversations, each side's list and unread count, and the messages.
//
// PRIVACY — read this before rendering anything from here:
//   * A conversation belongs to one group. Everything shown about the other side is the
//     persona they use in that group; `*_account_id` fields are INTERNAL (whose list a row
//     is in, who sent a message) and are never rendered, serialised or logged.
//   * Read models make no permission decisions: actions/messages asks policy/messaging first.
#include <optional>
#include <string>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/persona.hpp"
#include "store/database.hpp"

namespace hearth::messages {

using ConversationId = int64_t;
using MessageId = int64_t;

struct Conversation {
  ConversationId id = 0;
  GroupId group_id = 0;
  PersonaId first_persona_id = 0;  // the smaller persona id
  PersonaId second_persona_id = 0;
  UnixMillis created_at = 0;
};

// Where one side of a conversation stands with message requests (migrations/0015): the
// column `message_participants.request`.
enum class RequestState {
  none,      // an ordinary conversation
  sent,      // this side wrote first and the other hasn't accepted (or declined: the same to them)
  received,  // a request waiting for this side's answer
  declined,  // this side declined it
};
std::string_view request_state_name(RequestState state);  // "", "sent", "received", "declined"
RequestState parse_request_state(std::string_view name);  // unknown: none

// One side of a conversation.
struct Participant {
  ConversationId conversation_id = 0;
  GroupId group_id = 0;
  AccountId account_id = 0;  // INTERNAL
  PersonaId persona_id = 0;
  PersonaId other_persona_id = 0;
  UnixMillis last_message_at = 0;
  int64_t unread_count = 0;
  RequestState request = RequestState::none;
};

std::optional<Conversation> find_conversation(Connection& c, ConversationId id);
std::optional<Conversation> find_between(Connection& c, GroupId group_id, PersonaId a, PersonaId b);
// The conversation and both participants' rows (nothing in their lists until a message).
// `as_request`: `a` writes first and `b` receives it as a request.
Conversation create_conversation(Connection& c, ConversationId id, GroupId group_id, const Participant& a,
                                 const Participant& b, UnixMillis now, bool as_request = false);
// The request is accepted (or never was one): both sides ordinary. Nothing when already so.
void accept_request(Connection& c, ConversationId id);
// `account` declines the request they received; false when there was none waiting for them.
bool decline_request(Connection& c, ConversationId id, AccountId account);
std::optional<Participant> participant(Connection& c, ConversationId id, AccountId account);
std::optional<Participant> other_participant(Connection& c, ConversationId id, AccountId account);

struct Message {
  MessageId id = 0;
  ConversationId conversation_id = 0;
  GroupId group_id = 0;
  AccountId sender_account_id = 0;  // INTERNAL
  PersonaId sender_persona_id = 0;
  std::string body;       // Markdown as written (censored words masked)
  std::string body_html;  // rendered once, when written; safe to embed
  UnixMillis created_at = 0;
  std::string idempotency_key;
  std::optional<UnixMillis> held_at;
  std::string held_reason;  // "filter" or "third_party"
  bool flag_open = false;
  std::string flag_words;
  bool at_risk = false;
  std::optional<UnixMillis> deleted_at;
  bool removed_by_moderator = false;
  std::string removal_explanation;
};

void insert_message(Connection& c, const Message& message);
std::optional<Message> find_message(Connection& c, MessageId id);
// The message this account already sent with this form submission, if any.
std::optional<Message> find_by_idempotency_key(Connection& c, AccountId sender, const std::string& key);

// A message reached `to_account`'s side at `at` (one more unread) and the sender's side shows
// it too. For a held message only the sender's side moves (`to_account` 0).
void deliver(Connection& c, ConversationId id, AccountId sender, AccountId to_account, UnixMillis at);
void mark_read(Connection& c, ConversationId id, AccountId account);

void mark_removed(Connection& c, MessageId id, UnixMillis at);
void mark_removed_by_moderator(Connection& c, MessageId id, UnixMillis at, const std::string& explanation);
void release_hold(Connection& c, MessageId id);
void close_flag(Connection& c, MessageId id);

// A conversation's messages as `viewer` may see them (a held message only for its sender),
// newest first from before `before` (id of the oldest already shown), at most `limit`.
std::vector<Message> page(Connection& c, ConversationId id, AccountId viewer, int limit,
                          std::optional<MessageId> before);

// "My conversations": one row per conversation, newest first. Rows of groups the viewer is no
// longer an active member of, and of conversations a block stands between (either way), are
// left out; so are requests the viewer received (requests() lists them) or declined.
struct ListEntry {
  ConversationId conversation_id = 0;
  GroupId group_id = 0;
  std::string group_slug;
  std::string group_name;
  PersonaId my_persona_id = 0;
  std::string my_persona_name;
  PersonaId other_persona_id = 0;
  std::string other_persona_name;
  UnixMillis last_message_at = 0;
  int64_t unread_count = 0;
  RequestState request = RequestState::none;  // the viewer's side: `sent` shows "waiting"
};
struct ListCursor {
  UnixMillis last_message_at = 0;
  ConversationId conversation_id = 0;
};
std::vector<ListEntry> list(Connection& c, AccountId viewer, int limit, std::optional<ListCursor> after);
std::string format_list_cursor(const ListCursor& cursor);  // "<last_message_at>.<id>"
std::optional<ListCursor> parse_list_cursor(std::string_view text);
// The sum of the unread counts the list would show.
int64_t unread_total(Connection& c, AccountId viewer);

// Requests waiting for the viewer's answer, newest first, with the same rule as the list (no
// left group, no block either way), each with the message it came with (the newest the viewer
// may see: a request holds one).
struct RequestEntry {
  ListEntry entry;
  std::optional<Message> message;
};
std::vector<RequestEntry> requests(Connection& c, AccountId viewer, int limit);
int64_t request_count(Connection& c, AccountId viewer);

// Whether a block stands between the two sides, in either direction (store/persona_blocks).
bool blocked_between(Connection& c, AccountId a, PersonaId a_persona, AccountId b, PersonaId b_persona);

// What the group's moderators may look at: messages held or flagged by a filter and not removed.
std::vector<Message> in_queue(Connection& c, GroupId group_id, int limit);

// A message in the moderators' queue: held, flagged, or with open reports, and not removed;
// with the names of its two sides in the group.
struct QueueCard {
  Message message;
  std::string sender_persona_name;
  std::string recipient_persona_name;
};
std::optional<QueueCard> queue_card(Connection& c, GroupId group_id, MessageId id);
std::vector<QueueCard> queue_cards(Connection& c, GroupId group_id, int limit);

}  // namespace hearth::messages
