#include "actions/messages.hpp"

#include <algorithm>
#include <functional>

#include "actions/change_feed.hpp"
#include "actions/conversations.hpp"
#include "actions/posting_gate.hpp"
#include "actions/rate_limit.hpp"
#include "actions/transaction.hpp"
#include "core/markdown.hpp"
#include "core/random.hpp"
#include "store/kindness_outcomes.hpp"
#include "store/message_settings.hpp"
#include "store/personas.hpp"

namespace hearth {
namespace {

constexpr RateRule message_rule{"message-account", messages_per_account_per_hour, int64_t{3600} * 1000};
constexpr RateRule conversation_rule{"message-conversation-account", new_conversations_per_account_per_hour,
                                     int64_t{3600} * 1000};

Error conversation_not_found() {
  return make_error(ErrorCode::not_found,
                    "We couldn't find that conversation. It may have been with someone you can't reach any more, or "
                    "the link may be mistyped.");
}

Error persona_not_found() {
  return make_error(ErrorCode::not_found,
                    "We couldn't find that member here. They may have left the group, or the link may be mistyped.");
}

Error message_not_found() {
  return make_error(ErrorCode::not_found, "We couldn't find that message.");
}

Error key_used_elsewhere() {
  return make_error(ErrorCode::conflict,
                    "This form was already used for a different message. Please reload the page and try again.",
                    "idempotency_key");
}

// The two sides of a message about to be sent, as the sender's transaction found them.
struct Sides {
  GroupInView group;
  AccountId me = 0;
  PersonaId my_persona = 0;  // 0: the sender has no active persona in the group
  AccountId them = 0;
  PersonaId their_persona = 0;
  std::optional<messages::Conversation> conversation;
  messages::RequestState my_request = messages::RequestState::none;  // the sender's side of it
};

std::string persona_name(Connection& c, PersonaId id) {
  auto persona = personas::find(c, id);
  return persona ? persona->name : std::string();
}

// A new conversation (or the existing one) with a persona of a group the sender can read.
Result<Sides> sides_for_persona(Connection& c, AccountId me, GroupId group_id, PersonaId to) {
  auto group = find_group_in(c, group_id, me);
  if (!group || !can_read_content(group->group.privacy, group->viewer)) return group_not_found();
  if (!personas::is_active_in(c, to, group_id)) return persona_not_found();
  auto persona = personas::find(c, to);
  if (!persona) return persona_not_found();
  Sides sides{std::move(*group), me, 0, persona->account_id, to, std::nullopt};
  if (is_active_member(sides.group.viewer)) sides.my_persona = sides.group.viewer.membership->persona_id;
  // A conversation across a block is gone for both (policy/messaging.hpp): not even a link to it.
  if (sides.my_persona != 0 && !messages::blocked_between(c, me, sides.my_persona, sides.them, sides.their_persona)) {
    sides.conversation = messages::find_between(c, group_id, sides.my_persona, to);
    if (sides.conversation) {
      if (auto mine = messages::participant(c, sides.conversation->id, me)) sides.my_request = mine->request;
    }
  }
  return sides;
}

// A conversation the viewer takes part in and may read (policy/messaging.hpp); "not found"
// for everyone else, in the same words whether or not it exists.
Result<Sides> sides_for_conversation(Connection& c, AccountId me, messages::ConversationId id) {
  auto conversation = messages::find_conversation(c, id);
  if (!conversation) return conversation_not_found();
  auto mine = messages::participant(c, id, me);
  auto theirs = messages::other_participant(c, id, me);
  if (!mine || !theirs) return conversation_not_found();
  auto group = find_group_in(c, conversation->group_id, me);
  if (!group) return conversation_not_found();
  const bool blocked = messages::blocked_between(c, me, mine->persona_id, theirs->account_id, theirs->persona_id);
  if (!can_read_conversation(true, is_active_member(group->viewer), blocked)) return conversation_not_found();
  return Sides{std::move(*group),  me,           mine->persona_id, theirs->account_id,
               theirs->persona_id, conversation, mine->request};
}

// Whether the sender may write to the other side now; the refusal when not. The sender's own
// mute is theirs to know (the posting gate's words).
Status check_may_send(const ActionEnvironment& env, Connection& c, const Sides& s) {
  const GroupId group_id = s.group.group.id;
  MessagingCase facts;
  facts.same_account = s.me == s.them;
  facts.sender_can_take_part = s.my_persona != 0 && can_participate(s.group.group.privacy, s.group.viewer);
  facts.sender_moderates = can_moderate(s.group.viewer);
  facts.recipient_active = personas::is_active_in(c, s.their_persona, group_id);
  facts.recipient_allows =
      parse_message_audience(message_settings::allow_of(c, s.their_persona)).value_or(MessageAudience::members);
  facts.blocked = !facts.same_account && s.my_persona != 0 &&
                  messages::blocked_between(c, s.me, s.my_persona, s.them, s.their_persona);
  facts.sender_awaits_acceptance = s.my_request == messages::RequestState::sent;
  switch (may_message(facts)) {
    case MessagingDecision::allowed:
      return check_not_muted(env, c, group_id, s.me);
    case MessagingDecision::own_persona:
      return make_error(ErrorCode::conflict, "That's you. You can't send a private message to yourself.");
    case MessagingDecision::cannot_take_part:
      return participation_refused(s.group.viewer);
    case MessagingDecision::awaiting_acceptance:
      return make_error(ErrorCode::conflict, std::string(message_waiting_text));
    case MessagingDecision::unavailable:
      break;
  }
  return make_error(ErrorCode::forbidden, std::string(message_unavailable_text));
}

Result<PostDraft> validate_message(const std::string& body) {
  auto draft = validate_post_draft(PostDraft{"", body, "", false}, false);
  if (!draft && draft.error().message.starts_with("Please write something")) {
    return make_error(ErrorCode::invalid_input, "Please write your message before sending it.", "body");
  }
  return draft;
}

Status counted(const ActionEnvironment& env, Connection& c, const RateRule& rule, AccountId sender) {
  auto ok = count_attempt(env, c, rule, std::to_string(sender));
  if (ok) return ok;
  Error error = ok.error();
  error.message = rule.name == message_rule.name
                      ? "You've sent a lot of private messages in the last hour. Please take a break and try again "
                        "a little later."
                      : "You've started a lot of new conversations in the last hour. Please try again a little later.";
  return error;
}

// What the filters found, kept on the message for the moderators' queue.
void apply_plan(const FilterPlan& plan, messages::Message& m, UnixMillis now) {
  if (plan.hold != HoldReason::none) {
    m.held_at = now;
    m.held_reason = std::string(hold_reason_name(plan.hold));
  }
  for (const filter_flags::NewFlag& flag : plan.flags) {
    m.flag_open = true;
    m.at_risk = m.at_risk || flag.at_risk;
    if (!flag.words.empty() && m.flag_words.size() < 300) {
      m.flag_words += (m.flag_words.empty() ? "" : ", ") + flag.words;
    }
  }
}

using SidesLookup = std::function<Result<Sides>(Connection&)>;
using RepeatCheck = std::function<bool(Connection&, const messages::Message&)>;

SentMessage sent(Connection& c, const messages::Message& m) {
  const auto mine = messages::participant(c, m.conversation_id, m.sender_account_id);
  return SentMessage{m.conversation_id, m.id, m.held_at.has_value(),
                     mine && mine->request == messages::RequestState::sent};
}

SentMessage write_message(const ActionEnvironment& env, Connection& c, Sides& s, const PostDraft& draft,
                          const FilterPlan& plan, const std::string& key) {
  const UnixMillis now = env.clock.now();
  const GroupId group_id = s.group.group.id;
  if (!s.conversation) {
    if (auto ok = counted(env, c, conversation_rule, s.me); !ok) throw_rollback(ok.error());
    const bool request = first_message_is_request(can_moderate(s.group.viewer));
    s.conversation =
        messages::create_conversation(c, random_id(), group_id, {0, group_id, s.me, s.my_persona, s.their_persona},
                                      {0, group_id, s.them, s.their_persona, s.my_persona}, now, request);
  } else {
    // Past check_may_send, a conversation that is still a request is one the sender received
    // (answering accepts it) or a moderator's (who skip requests): either way, ordinary now.
    messages::accept_request(c, s.conversation->id);
  }
  messages::Message m;
  m.id = random_id();
  m.conversation_id = s.conversation->id;
  m.group_id = group_id;
  m.sender_account_id = s.me;
  m.sender_persona_id = s.my_persona;
  m.body = draft.body;
  m.body_html = render_markdown(draft.body);
  m.created_at = now;
  m.idempotency_key = key;
  apply_plan(plan, m, now);
  messages::insert_message(c, m);
  messages::deliver(c, m.conversation_id, s.me, m.held_at ? 0 : s.them, now);
  if (plan.kindness) kindness_outcomes::count(c, group_id, *plan.kindness, now);
  return sent(c, m);
}

Result<SentMessage> send(const ActionEnvironment& env, AccountId sender, const SidesLookup& find,
                         const RepeatCheck& same_place, const std::string& body, std::string_view idempotency_key,
                         const FilterChoice& choice, FilterOutcome* outcome) {
  if (auto ok = validate_idempotency_key(idempotency_key); !ok) return ok.error();
  auto draft = validate_message(body);
  if (!draft) return draft.error();
  const std::string key(idempotency_key);
  auto plan = screen_draft(env, sender, *draft, choice, outcome, [&](Connection& c) -> std::optional<FilterTarget> {
    if (messages::find_by_idempotency_key(c, sender, key)) return std::nullopt;
    auto sides = find(c);
    if (!sides || !check_may_send(env, c, *sides)) return std::nullopt;  // the write says why
    return FilterTarget{sides->group, std::nullopt, true, false, {persona_name(c, sides->their_persona)}};
  });
  if (!plan) return plan.error();
  censor_draft(*plan, *draft);
  const auto repeat = [&](Connection& c, const messages::Message& earlier) -> Result<SentMessage> {
    if (!same_place(c, earlier)) return key_used_elsewhere();
    return sent(c, earlier);
  };
  try {
    AccountId recipient = 0;
    auto result = write_or_error<SentMessage>(env, [&](Connection& c) -> Result<SentMessage> {
      if (auto earlier = messages::find_by_idempotency_key(c, sender, key)) return repeat(c, *earlier);
      auto sides = find(c);
      if (!sides) return sides.error();
      if (auto ok = check_may_send(env, c, *sides); !ok) return ok.error();
      if (auto ok = counted(env, c, message_rule, sender); !ok) return ok.error();
      auto written = write_message(env, c, *sides, *draft, *plan, key);
      if (!written.held) recipient = sides->them;
      return written;
    });
    // After the commit: the recipient's live count (a new message, or a new request) and the
    // sender's own (answering a request accepts it). Account topics only: nothing about a
    // message is ever published to a thread or group.
    if (result && recipient != 0) {
      env.changes->account_changed(recipient);
      env.changes->account_changed(sender);
    }
    return result;
  } catch (const DatabaseError& error) {
    // A concurrent writer (PostgreSQL) won the race on the key or on the pair: the
    // winner's message, if it was this form's, is the answer.
    if (error.kind() != DatabaseError::Kind::unique_violation) throw;
    auto settled = env.store.read([&](Connection& c) -> std::optional<Result<SentMessage>> {
      auto earlier = messages::find_by_idempotency_key(c, sender, key);
      if (!earlier) return std::nullopt;
      return repeat(c, *earlier);
    });
    if (settled) return std::move(*settled);
    throw;
  }
}

}  // namespace

Result<SentMessage> do_message_persona(const ActionEnvironment& env, AccountId sender, GroupId group_id,
                                       PersonaId to_persona, const std::string& body, std::string_view idempotency_key,
                                       const FilterChoice& choice, FilterOutcome* outcome) {
  return send(
      env, sender, [&](Connection& c) { return sides_for_persona(c, sender, group_id, to_persona); },
      [&](Connection& c, const messages::Message& earlier) {
        auto conversation = messages::find_conversation(c, earlier.conversation_id);
        return conversation && conversation->group_id == group_id &&
               (conversation->first_persona_id == to_persona || conversation->second_persona_id == to_persona);
      },
      body, idempotency_key, choice, outcome);
}

Result<SentMessage> do_send_message(const ActionEnvironment& env, AccountId sender,
                                    messages::ConversationId conversation_id, const std::string& body,
                                    std::string_view idempotency_key, const FilterChoice& choice,
                                    FilterOutcome* outcome) {
  return send(
      env, sender, [&](Connection& c) { return sides_for_conversation(c, sender, conversation_id); },
      [&](Connection&, const messages::Message& earlier) { return earlier.conversation_id == conversation_id; }, body,
      idempotency_key, choice, outcome);
}

Status do_delete_message(const ActionEnvironment& env, AccountId sender, messages::MessageId message_id) {
  return write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto message = messages::find_message(c, message_id);
    if (!message || message->sender_account_id != sender) return message_not_found();
    if (auto sides = sides_for_conversation(c, sender, message->conversation_id); !sides) return message_not_found();
    messages::mark_removed(c, message_id, env.clock.now());  // removing twice is fine
    return success();
  });
}

Result<messages::Message> read_own_message(const ActionEnvironment& env, AccountId sender,
                                           messages::ConversationId conversation, messages::MessageId message_id) {
  return env.store.read([&](Connection& c) -> Result<messages::Message> {
    auto message = messages::find_message(c, message_id);
    if (!message || message->sender_account_id != sender || message->conversation_id != conversation ||
        message->deleted_at) {
      return message_not_found();
    }
    if (auto sides = sides_for_conversation(c, sender, conversation); !sides) return message_not_found();
    return std::move(*message);
  });
}

namespace {

// The viewer's side of a conversation they may read, for answering a request.
Result<Sides> request_sides(Connection& c, AccountId viewer, messages::ConversationId id) {
  auto sides = sides_for_conversation(c, viewer, id);
  if (!sides) return sides.error();
  if (sides->my_request == messages::RequestState::sent) {
    return make_error(ErrorCode::conflict, std::string(message_waiting_text));
  }
  return sides;
}

}  // namespace

Status do_accept_message_request(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id) {
  return account_changed_if_done(*env.changes, viewer, write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto sides = request_sides(c, viewer, id);
    if (!sides) return sides.error();
    messages::accept_request(c, id);
    return success();
  }));
}

Status do_decline_message_request(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id) {
  return account_changed_if_done(*env.changes, viewer, write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto sides = request_sides(c, viewer, id);
    if (!sides) return sides.error();
    if (sides->my_request == messages::RequestState::declined) return success();  // declining twice is fine
    if (!messages::decline_request(c, id, viewer)) {
      return make_error(ErrorCode::conflict,
                        "This conversation isn't a request any more, so there is nothing to decline. If you'd rather "
                        "not hear from them, you can block them.");
    }
    return success();
  }));
}

Result<MessageTarget> read_message_target(const ActionEnvironment& env, AccountId viewer, GroupId group_id,
                                          PersonaId persona_id) {
  return env.store.read([&](Connection& c) -> Result<MessageTarget> {
    auto sides = sides_for_persona(c, viewer, group_id, persona_id);
    if (!sides) return sides.error();
    MessageTarget target{sides->group, persona_id, persona_name(c, persona_id), std::nullopt, std::nullopt};
    if (sides->conversation) target.conversation = sides->conversation->id;
    if (auto ok = check_may_send(env, c, *sides); !ok) target.refusal = ok.error();
    return target;
  });
}

Result<ConversationView> read_conversation(const ActionEnvironment& env, AccountId viewer, messages::ConversationId id,
                                           std::optional<messages::MessageId> before) {
  auto view = env.store.read([&](Connection& c) -> Result<ConversationView> {
    auto sides = sides_for_conversation(c, viewer, id);
    if (!sides) return sides.error();
    ConversationView v;
    v.group = sides->group;
    v.id = id;
    v.my_persona_id = sides->my_persona;
    v.my_persona_name = persona_name(c, sides->my_persona);
    v.other_persona_id = sides->their_persona;
    v.other_persona_name = persona_name(c, sides->their_persona);
    v.messages = messages::page(c, id, viewer, max_messages_per_page + 1, before);
    if (v.messages.size() > static_cast<std::size_t>(max_messages_per_page)) {
      v.messages.pop_back();
      v.earlier = v.messages.back().id;
    }
    std::reverse(v.messages.begin(), v.messages.end());
    if (auto mine = messages::participant(c, id, viewer)) v.unread_before = mine->unread_count;
    if (auto ok = check_may_send(env, c, *sides); !ok) v.refusal = ok.error();
    v.request = sides->my_request;
    return v;
  });
  if (view && view->unread_before > 0) {
    env.store.write([&](Connection& c) { messages::mark_read(c, id, viewer); });
    env.changes->account_changed(viewer);  // the live count in their other tabs
  }
  return view;
}

Inbox read_inbox(const ActionEnvironment& env, AccountId viewer, std::optional<messages::ListCursor> after) {
  return env.store.read([&](Connection& c) {
    Inbox inbox;
    inbox.conversations = messages::list(c, viewer, max_conversations_per_page + 1, after);
    if (inbox.conversations.size() > static_cast<std::size_t>(max_conversations_per_page)) {
      inbox.conversations.pop_back();
      const auto& last = inbox.conversations.back();
      inbox.next = messages::ListCursor{last.last_message_at, last.conversation_id};
    }
    inbox.unread_total = messages::unread_total(c, viewer);
    inbox.requests = messages::requests(c, viewer, max_requests_per_page);
    inbox.requests_total = messages::request_count(c, viewer);
    return inbox;
  });
}

MessageCounts message_counts_in(Connection& c, AccountId viewer) {
  return MessageCounts{messages::unread_total(c, viewer), messages::request_count(c, viewer)};
}

MessageCounts read_message_counts(const ActionEnvironment& env, AccountId viewer) {
  return env.store.read([&](Connection& c) { return message_counts_in(c, viewer); });
}

Result<MessageAudience> read_message_audience(const ActionEnvironment& env, AccountId viewer, PersonaId persona) {
  return env.store.read([&](Connection& c) -> Result<MessageAudience> {
    auto found = personas::find(c, persona);
    if (!found || found->account_id != viewer) return persona_not_found();
    return parse_message_audience(message_settings::allow_of(c, persona)).value_or(MessageAudience::members);
  });
}

Status do_set_message_audience(const ActionEnvironment& env, AccountId viewer, PersonaId persona,
                               MessageAudience audience) {
  return write_or_error<Done>(env, [&](Connection& c) -> Status {
    auto found = personas::find(c, persona);
    if (!found || found->account_id != viewer) return persona_not_found();
    message_settings::set(c, persona, viewer, std::string(message_audience_name(audience)), env.clock.now());
    return success();
  });
}

}  // namespace hearth
