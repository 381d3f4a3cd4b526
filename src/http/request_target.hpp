#pragma once
// Turns the request-target of an HTTP request line into Request::path and ::query.
#include <string_view>

#include "core/http_message.hpp"

namespace hearth {

// Fills request.path (percent-decoded) and request.query (raw, without '?') from an
// origin-form target such as "/groups/caf%C3%A9?page=2". Returns false, leaving the
// request unchanged, when the target cannot name one of our resources: it does not start
// with '/', has an invalid escape, or decodes to invalid UTF-8 or a control character
// (which would otherwise reach handlers, logs and the database).
bool parse_request_target(std::string_view target, Request& request);

}  // namespace hearth
