#pragma once
// What the private-message pages share (docs/messages.md): addresses, one message as a
// participant or a moderator sees it, the message form, and the report form.
//
// Privacy: these views only ever name the persona a participant uses in the conversation's
// group; they get nothing else to show.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "actions/filtering.hpp"
#include "core/html.hpp"
#include "store/messages.hpp"
#include "web/page_context.hpp"
#include "web/time_views.hpp"

namespace hearth {

std::string conversation_url(const Group& group, messages::ConversationId id, std::string_view rest = {});
std::string message_moderation_url(const Group& group, messages::MessageId id);
// "/g/{slug}/p/{persona}/message": writing to a member from their page.
std::string new_message_url(const Group& group, PersonaId persona);

// On a member's page: "Send a private message" when the viewer may write to them, or the
// way to the conversation they already have; nothing otherwise (the reason is not shown).
void message_link_html(Html& h, const PageContext& context, const Group& group, PersonaId persona);

// On the persona edit page: "Who can send me private messages here", its own small form
// (POST /me/personas/{id}/messages).
void message_setting_card(Html& h, const PageContext& context, PersonaId persona);

// One message: who wrote it ("You" or their persona), when, and its text, or that it was
// removed ("removed by its author", "removed by a moderator"). `mine`: the viewer sent it.
// `tools`: the links and buttons under it (report, remove), if any.
void message_html(Html& h, const messages::Message& m, bool mine, std::string_view other_name,
                  const TimeFormatter& time, const std::function<void(Html&)>& tools = {});

// The message form: the text, the form's key and Send. `data-prompt` lets hearth.js ask the
// safety filters' questions inline; without JavaScript the server answers with a page.
struct MessageFormOptions {
  std::string action;
  std::string body;
  std::string idempotency_key;
  std::optional<Error> error;
  std::optional<FilterPrompt> blocked;  // the words a watched word stopped, marked
  std::string label = "Your message";
  std::string button = "Send";
};
void message_form(Html& h, const PageContext& context, const MessageFormOptions& options);

// Answering a message request (docs/messages.md): Accept, Decline, Decline and block, each a
// small form of its own (POST …/accept, …/decline), and Report for the message it came with.
// `declined`: the viewer declined it earlier and may still accept it.
struct RequestAnswer {
  messages::ConversationId conversation_id = 0;
  std::string other_name;
  std::optional<messages::MessageId> message_id;  // the one to report, if it can be
  bool declined = false;
};
void request_answer_html(Html& h, const PageContext& context, const Group& group, const RequestAnswer& answer);

// After sending: the crisis lines (crisis language) or "waiting for a moderator" (held).
void after_send_notices(Html& h, const PageContext& context, std::string_view group_region);
// The address to go to after a message was sent, with what to tell the author.
// `request`: the message went as a message request.
std::string after_send_url(std::string url, const FilterOutcome& outcome, bool held, bool request = false);

// A message in the moderators' queue: its text, sender and recipient (their personas here),
// what the filters found, and the way to the message's moderation page.
void message_queue_card_html(Html& h, const Group& group, const messages::QueueCard& card, const TimeFormatter& time);

}  // namespace hearth
