#pragma once
// A private message as the group's moderators see it in the queue (docs/messages.md): its
// text and the two sides' personas in the group, never an account.
#include <boost/json/object.hpp>

#include "store/messages.hpp"

namespace hearth {

boost::json::object message_card_json(const messages::QueueCard& card);

}  // namespace hearth
