#include "store/messages.hpp"

#include <algorithm>
#include <charconv>

namespace hearth::messages {
namespace {

constexpr std::string_view message_columns =
    "SELECT id, conversation_id, group_id, sender_account_id, sender_persona_id, body, body_html, created_at,"
    " idempotency_key, held_at, held_reason, flag_open, flag_words, at_risk, deleted_at, removed_by_moderator,"
    " removal_explanation FROM private_messages";

Message message_of(const Row& r) {
  Message m;
  m.id = r.i64(0);
  m.conversation_id = r.i64(1);
  m.group_id = r.i64(2);
  m.sender_account_id = r.i64(3);
  m.sender_persona_id = r.i64(4);
  m.body = r.text(5);
  m.body_html = r.text(6);
  m.created_at = r.i64(7);
  m.idempotency_key = r.text(8);
  m.held_at = r.optional_i64(9);
  m.held_reason = r.text(10);
  m.flag_open = r.i64(11) != 0;
  m.flag_words = r.text(12);
  m.at_risk = r.i64(13) != 0;
  m.deleted_at = r.optional_i64(14);
  m.removed_by_moderator = r.i64(15) != 0;
  m.removal_explanation = r.text(16);
  return m;
}

std::string with(std::string_view columns, std::string_view rest) {
  return std::string(columns).append(rest);
}

constexpr std::string_view participant_columns =
    "SELECT conversation_id, group_id, account_id, persona_id, other_persona_id, last_message_at, unread_count,"
    " request FROM message_participants";

Participant participant_of(const Row& r) {
  return Participant{r.i64(0), r.i64(1), r.i64(2), r.i64(3),
                     r.i64(4), r.i64(5), r.i64(6), parse_request_state(r.text(7))};
}

// A viewer's side `p` of a conversation whose other side is `o`, as it shows in their list:
// still an active member of the group, no block between the two either way. The same rule
// for the list and for the unread total in the header.
constexpr std::string_view sides_from =
    " FROM message_participants p"
    " JOIN message_participants o ON o.conversation_id = p.conversation_id AND o.account_id <> p.account_id"
    " JOIN memberships m ON m.group_id = p.group_id AND m.account_id = p.account_id AND m.status = 'active'";
constexpr std::string_view sides_where =
    " WHERE p.account_id = ? AND p.last_message_at > 0"
    " AND NOT EXISTS (SELECT 1 FROM persona_blocks b WHERE"
    " (b.blocker_account_id = p.account_id AND b.blocked_persona_id = p.other_persona_id)"
    " OR (b.blocked_account_id = p.account_id AND b.blocker_persona_id = p.other_persona_id)"
    " OR (b.blocker_account_id = o.account_id AND b.blocked_persona_id = p.persona_id)"
    " OR (b.blocked_account_id = o.account_id AND b.blocker_persona_id = p.persona_id))";

// The list's columns (ListEntry), from `sides_from` joined with the group and both personas.
constexpr std::string_view entry_columns =
    "SELECT p.conversation_id, p.group_id, g.slug, g.name, p.persona_id, mine.name, p.other_persona_id, theirs.name,"
    " p.last_message_at, p.unread_count, p.request";
constexpr std::string_view entry_joins =
    " JOIN support_groups g ON g.id = p.group_id JOIN personas mine ON mine.id = p.persona_id"
    " JOIN personas theirs ON theirs.id = p.other_persona_id";

ListEntry entry_of(const Row& r) {
  return ListEntry{r.i64(0),
                   r.i64(1),
                   r.text(2),
                   r.text(3),
                   r.i64(4),
                   r.text(5),
                   r.i64(6),
                   r.text(7),
                   r.i64(8),
                   r.i64(9),
                   parse_request_state(r.text(10))};
}

std::optional<int64_t> parse_number(std::string_view text) {
  int64_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::string_view request_state_name(RequestState state) {
  switch (state) {
    case RequestState::none:
      return "";
    case RequestState::sent:
      return "sent";
    case RequestState::received:
      return "received";
    case RequestState::declined:
      return "declined";
  }
  return "";
}

RequestState parse_request_state(std::string_view name) {
  for (const RequestState s : {RequestState::sent, RequestState::received, RequestState::declined}) {
    if (request_state_name(s) == name) return s;
  }
  return RequestState::none;
}

std::optional<Conversation> find_conversation(Connection& c, ConversationId id) {
  return c.first<Conversation>(
      "SELECT id, group_id, first_persona_id, second_persona_id, created_at FROM message_conversations WHERE id = ?",
      {id}, [](const Row& r) {
        return Conversation{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4)};
      });
}

std::optional<Conversation> find_between(Connection& c, GroupId group_id, PersonaId a, PersonaId b) {
  return c.first<Conversation>(
      "SELECT id, group_id, first_persona_id, second_persona_id, created_at FROM message_conversations"
      " WHERE group_id = ? AND first_persona_id = ? AND second_persona_id = ?",
      {group_id, std::min(a, b), std::max(a, b)}, [](const Row& r) {
        return Conversation{r.i64(0), r.i64(1), r.i64(2), r.i64(3), r.i64(4)};
      });
}

Conversation create_conversation(Connection& c, ConversationId id, GroupId group_id, const Participant& a,
                                 const Participant& b, UnixMillis now, bool as_request) {
  const Conversation conversation{id, group_id, std::min(a.persona_id, b.persona_id),
                                  std::max(a.persona_id, b.persona_id), now};
  c.run(
      "INSERT INTO message_conversations (id, group_id, first_persona_id, second_persona_id, created_at)"
      " VALUES (?, ?, ?, ?, ?)",
      {id, group_id, conversation.first_persona_id, conversation.second_persona_id, now});
  for (const Participant* side : {&a, &b}) {
    const Participant& other = side == &a ? b : a;
    const RequestState request = !as_request  ? RequestState::none
                                 : side == &a ? RequestState::sent
                                              : RequestState::received;
    c.run(
        "INSERT INTO message_participants (conversation_id, group_id, account_id, persona_id, other_persona_id,"
        " last_message_at, unread_count, request) VALUES (?, ?, ?, ?, ?, 0, 0, ?)",
        {id, group_id, side->account_id, side->persona_id, other.persona_id, std::string(request_state_name(request))});
  }
  return conversation;
}

void accept_request(Connection& c, ConversationId id) {
  c.run("UPDATE message_participants SET request = '' WHERE conversation_id = ? AND request <> ''", {id});
}

bool decline_request(Connection& c, ConversationId id, AccountId account) {
  c.run(
      "UPDATE message_participants SET request = 'declined' WHERE conversation_id = ? AND account_id = ?"
      " AND request = 'received'",
      {id, account});
  return c.changes() > 0;
}

std::optional<Participant> participant(Connection& c, ConversationId id, AccountId account) {
  return c.first<Participant>(with(participant_columns, " WHERE conversation_id = ? AND account_id = ?"), {id, account},
                              participant_of);
}

std::optional<Participant> other_participant(Connection& c, ConversationId id, AccountId account) {
  return c.first<Participant>(with(participant_columns, " WHERE conversation_id = ? AND account_id <> ?"),
                              {id, account}, participant_of);
}

void insert_message(Connection& c, const Message& m) {
  c.run(
      "INSERT INTO private_messages (id, conversation_id, group_id, sender_account_id, sender_persona_id, body,"
      " body_html, created_at, idempotency_key, held_at, held_reason, flag_open, flag_words, at_risk)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {m.id, m.conversation_id, m.group_id, m.sender_account_id, m.sender_persona_id, m.body, m.body_html, m.created_at,
       m.idempotency_key, optional_value(m.held_at), m.held_reason, int64_t{m.flag_open}, m.flag_words,
       int64_t{m.at_risk}});
}

std::optional<Message> find_message(Connection& c, MessageId id) {
  return c.first<Message>(with(message_columns, " WHERE id = ?"), {id}, message_of);
}

std::optional<Message> find_by_idempotency_key(Connection& c, AccountId sender, const std::string& key) {
  return c.first<Message>(with(message_columns, " WHERE sender_account_id = ? AND idempotency_key = ?"), {sender, key},
                          message_of);
}

void deliver(Connection& c, ConversationId id, AccountId sender, AccountId to_account, UnixMillis at) {
  c.run(
      "UPDATE message_participants SET last_message_at = CASE WHEN last_message_at > ? THEN last_message_at ELSE ?"
      " END WHERE conversation_id = ? AND account_id = ?",
      {at, at, id, sender});
  if (to_account == 0) return;
  c.run(
      "UPDATE message_participants SET unread_count = unread_count + 1, last_message_at = CASE WHEN"
      " last_message_at > ? THEN last_message_at ELSE ? END WHERE conversation_id = ? AND account_id = ?",
      {at, at, id, to_account});
}

void mark_read(Connection& c, ConversationId id, AccountId account) {
  c.run(
      "UPDATE message_participants SET unread_count = 0 WHERE conversation_id = ? AND account_id = ?"
      " AND unread_count <> 0",
      {id, account});
}

void mark_removed(Connection& c, MessageId id, UnixMillis at) {
  c.run("UPDATE private_messages SET deleted_at = ?, body = '', body_html = '' WHERE id = ? AND deleted_at IS NULL",
        {at, id});
}

void mark_removed_by_moderator(Connection& c, MessageId id, UnixMillis at, const std::string& explanation) {
  c.run(
      "UPDATE private_messages SET deleted_at = ?, body = '', body_html = '', removed_by_moderator = 1,"
      " removal_explanation = ?, held_at = NULL, flag_open = 0 WHERE id = ? AND deleted_at IS NULL",
      {at, explanation, id});
}

void release_hold(Connection& c, MessageId id) {
  c.run("UPDATE private_messages SET held_at = NULL, held_reason = '', flag_open = 0 WHERE id = ?", {id});
}

void close_flag(Connection& c, MessageId id) {
  c.run("UPDATE private_messages SET flag_open = 0 WHERE id = ?", {id});
}

std::vector<Message> page(Connection& c, ConversationId id, AccountId viewer, int limit,
                          std::optional<MessageId> before) {
  std::optional<std::pair<UnixMillis, MessageId>> from;
  if (before) {
    if (auto oldest = find_message(c, *before); oldest && oldest->conversation_id == id) {
      from = std::pair(oldest->created_at, oldest->id);
    }
  }
  const auto [at, at_id] = from.value_or(std::pair<UnixMillis, MessageId>(INT64_MAX, INT64_MAX));
  return c.all<Message>(
      with(message_columns,
           " WHERE conversation_id = ? AND (held_at IS NULL OR sender_account_id = ?)"
           " AND (created_at < ? OR (created_at = ? AND id < ?)) ORDER BY created_at DESC, id DESC LIMIT ?"),
      {id, viewer, at, at, at_id, int64_t{std::max(limit, 1)}}, message_of);
}

std::vector<ListEntry> list(Connection& c, AccountId viewer, int limit, std::optional<ListCursor> after) {
  const ListCursor from = after.value_or(ListCursor{INT64_MAX, INT64_MAX});
  const std::string sql = std::string(entry_columns)
                              .append(sides_from)
                              .append(entry_joins)
                              .append(sides_where)
                              .append(
                                  " AND p.request IN ('', 'sent')"
                                  " AND (p.last_message_at < ? OR (p.last_message_at = ? AND p.conversation_id < ?))"
                                  " ORDER BY p.last_message_at DESC, p.conversation_id DESC LIMIT ?");
  return c.all<ListEntry>(
      sql, {viewer, from.last_message_at, from.last_message_at, from.conversation_id, int64_t{std::max(limit, 1)}},
      entry_of);
}

std::vector<RequestEntry> requests(Connection& c, AccountId viewer, int limit) {
  const std::string sql = std::string(entry_columns)
                              .append(sides_from)
                              .append(entry_joins)
                              .append(sides_where)
                              .append(
                                  " AND p.request = 'received'"
                                  " ORDER BY p.last_message_at DESC, p.conversation_id DESC LIMIT ?");
  std::vector<RequestEntry> found;
  for (ListEntry& e : c.all<ListEntry>(sql, {viewer, int64_t{std::max(limit, 1)}}, entry_of)) {
    auto newest = page(c, e.conversation_id, viewer, 1, std::nullopt);
    found.push_back({std::move(e), newest.empty() ? std::nullopt : std::optional(std::move(newest.front()))});
  }
  return found;
}

int64_t request_count(Connection& c, AccountId viewer) {
  return c
      .first_i64(
          std::string("SELECT COUNT(*)").append(sides_from).append(sides_where).append(" AND p.request = 'received'"),
          {viewer})
      .value_or(0);
}

std::string format_list_cursor(const ListCursor& cursor) {
  return std::to_string(cursor.last_message_at) + "." + std::to_string(cursor.conversation_id);
}

std::optional<ListCursor> parse_list_cursor(std::string_view text) {
  if (text.size() > 40) return std::nullopt;
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto at = parse_number(text.substr(0, dot));
  const auto id = parse_number(text.substr(dot + 1));
  if (!at || !id) return std::nullopt;
  return ListCursor{*at, *id};
}

int64_t unread_total(Connection& c, AccountId viewer) {
  return c
      .first_i64(std::string("SELECT COALESCE(SUM(p.unread_count), 0)")
                     .append(sides_from)
                     .append(sides_where)
                     .append(" AND p.unread_count > 0 AND p.request IN ('', 'sent')"),
                 {viewer})
      .value_or(0);
}

bool blocked_between(Connection& c, AccountId a, PersonaId a_persona, AccountId b, PersonaId b_persona) {
  return c
      .first_i64(
          "SELECT 1 FROM persona_blocks WHERE (blocker_account_id = ? AND blocked_persona_id = ?)"
          " OR (blocked_account_id = ? AND blocker_persona_id = ?)"
          " OR (blocker_account_id = ? AND blocked_persona_id = ?)"
          " OR (blocked_account_id = ? AND blocker_persona_id = ?) LIMIT 1",
          {a, b_persona, a, b_persona, b, a_persona, b, a_persona})
      .has_value();
}

std::vector<Message> in_queue(Connection& c, GroupId group_id, int limit) {
  return c.all<Message>(with(message_columns,
                             " WHERE group_id = ? AND (held_at IS NOT NULL OR flag_open = 1) AND deleted_at IS NULL"
                             " ORDER BY created_at, id LIMIT ?"),
                        {group_id, int64_t{std::max(limit, 1)}}, message_of);
}

std::optional<QueueCard> queue_card(Connection& c, GroupId group_id, MessageId id) {
  auto message = find_message(c, id);
  if (!message || message->group_id != group_id) return std::nullopt;
  auto names = c.first<std::pair<std::string, std::string>>(
      "SELECT s.name, r.name FROM message_participants o JOIN personas s ON s.id = o.persona_id"
      " JOIN personas r ON r.id = o.other_persona_id WHERE o.conversation_id = ? AND o.account_id = ?",
      {message->conversation_id, message->sender_account_id},
      [](const Row& row) { return std::pair(row.text(0), row.text(1)); });
  if (!names) return std::nullopt;
  return QueueCard{std::move(*message), names->first, names->second};
}

std::vector<QueueCard> queue_cards(Connection& c, GroupId group_id, int limit) {
  const auto ids = c.all<MessageId>(
      "SELECT id FROM private_messages WHERE deleted_at IS NULL AND id IN ("
      "SELECT id FROM private_messages WHERE group_id = ? AND (held_at IS NOT NULL OR flag_open = 1)"
      " UNION SELECT item_id FROM reports WHERE group_id = ? AND item_kind = 'message' AND resolved_at IS NULL)"
      " ORDER BY created_at, id LIMIT ?",
      {group_id, group_id, int64_t{std::max(limit, 1)}}, [](const Row& r) { return r.i64(0); });
  std::vector<QueueCard> cards;
  for (const MessageId id : ids) {
    if (auto card = queue_card(c, group_id, id)) cards.push_back(std::move(*card));
  }
  return cards;
}

}  // namespace hearth::messages
