#pragma once
// Reading JSON request bodies and writing JSON responses, with the one error shape:
// {"error": {"code": "...", "message": "...", "field": "..."}}.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>

#include "core/http_message.hpp"
#include "core/result.hpp"

namespace hearth {

int http_status_for(ErrorCode code);
Response json_response(int status, const boost::json::value& body);
Response json_error(const Error& error);
Response json_error(int status, std::string_view code, std::string_view message);
Response no_content();

// The body as a JSON object; a clear error for a wrong content type, malformed JSON,
// invalid UTF-8 or a non-object.
Result<boost::json::object> parse_json_object(const Request& request);

// A string member: absent → `fallback` (or an error when required), wrong type, invalid
// UTF-8 or longer than `max_chars` code points → an error naming the field.
Result<std::string> string_field(const boost::json::object& body, std::string_view name, std::size_t max_chars,
                                 bool required, std::string fallback = {});

}  // namespace hearth
