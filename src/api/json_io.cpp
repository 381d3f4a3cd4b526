#include "api/json_io.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <fmt/format.h>

#include "core/text.hpp"

namespace hearth {

int http_status_for(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_input: return 400;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
  }
  return 400;
}

Response json_response(int status, const boost::json::value& body) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = boost::json::serialize(body);
  return response;
}

Response json_error(const Error& error) {
  boost::json::object detail{{"code", error_code_name(error.code)}, {"message", error.message}};
  if (!error.field.empty()) detail["field"] = error.field;
  Response response = json_response(http_status_for(error.code), boost::json::object{{"error", detail}});
  if (error.retry_after_seconds > 0) response.set_header("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

Response json_error(int status, std::string_view code, std::string_view message) {
  return json_response(status, boost::json::object{{"error", {{"code", code}, {"message", message}}}});
}

Response no_content() {
  Response response;
  response.status = 204;
  response.content_type.clear();
  return response;
}

Result<boost::json::object> parse_json_object(const Request& request) {
  const auto type = request.header("Content-Type");
  if (!type || to_lower_ascii(*type).find("application/json") == std::string::npos) {
    return make_error(ErrorCode::invalid_input, "Please send the request body as JSON (Content-Type: application/json).");
  }
  if (!is_valid_utf8(request.body)) {
    return make_error(ErrorCode::invalid_input, "The request body is not valid UTF-8 text.");
  }
  boost::system::error_code ec;
  boost::json::value parsed = boost::json::parse(request.body, ec);
  if (ec) return make_error(ErrorCode::invalid_input, "The request body is not valid JSON.");
  if (!parsed.is_object()) return make_error(ErrorCode::invalid_input, "The request body must be a JSON object.");
  return std::move(parsed.as_object());
}

Result<std::string> string_field(const boost::json::object& body, std::string_view name, std::size_t max_chars,
                                 bool required, std::string fallback) {
  const auto* value = body.if_contains(name);
  if (!value || value->is_null()) {
    if (required) return make_error(ErrorCode::invalid_input, fmt::format("Please include \"{}\".", name), std::string(name));
    return fallback;
  }
  if (!value->is_string()) {
    return make_error(ErrorCode::invalid_input, fmt::format("\"{}\" must be a string.", name), std::string(name));
  }
  std::string text(value->as_string());
  if (utf8_length(text) > max_chars) {
    return make_error(ErrorCode::invalid_input, fmt::format("\"{}\" can have at most {} characters.", name, max_chars),
                      std::string(name));
  }
  if (has_control_characters(text)) {
    return make_error(ErrorCode::invalid_input, fmt::format("\"{}\" contains characters we can't use.", name),
                      std::string(name));
  }
  return text;
}

}  // namespace hearth
