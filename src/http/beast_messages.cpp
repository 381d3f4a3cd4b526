// Conversion between Beast's messages and core's Request/Response (no Beast type leaves
// src/http): reading errors into statuses, a request into core::Request, a reply into the
// bytes of its head.
#include "http/detail/beast_messages.hpp"

#include <boost/beast/http.hpp>
#include <charconv>
#include <cstring>
#include <limits>
#include <stdexcept>

#include "core/ascii.hpp"
#include "core/text.hpp"
#include "http/detail/server_impl.hpp"

namespace hearth {
namespace server_detail {
namespace {

bool is_framing_header(std::string_view name) {
  return ascii::iequals(name, "Content-Length") || ascii::iequals(name, "Transfer-Encoding") ||
         ascii::iequals(name, "Connection") || ascii::iequals(name, "Keep-Alive");
}

bool has_line_break(std::string_view text) {
  // Not find_first_of("\r\n"): libstdc++ implements that with one memchr per character.
  return std::memchr(text.data(), '\r', text.size()) != nullptr ||
         std::memchr(text.data(), '\n', text.size()) != nullptr;
}

// Leading and trailing spaces and tabs removed, as Beast does with field values.
std::string_view trim_ows(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  // Beast's limits for one field, kept so that the same responses are refused.
  constexpr std::size_t max_field_part = std::numeric_limits<std::uint16_t>::max();
  if (name.size() + 2 > max_field_part) throw std::length_error("field name too large");
  if (value.size() + 2 > max_field_part) throw std::length_error("field value too large");
  value = trim_ows(value);
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

}  // namespace

std::pair<int, std::string_view> read_failure(const error_code& ec) {
  if (ec == http::error::body_limit) {
    return {413, "That is more than we can accept in one request. Please send something smaller."};
  }
  if (ec == http::error::header_limit) {
    return {431, "The request headers are too large. Clearing this site's cookies may help."};
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return {400, "The request could not be understood."};
  }
  return {0, {}};
}

void serialize_head(std::string& out, unsigned version, const Reply& reply, bool keep_alive) {
  const Response& response = reply.response;
  if (response.status < 0 || response.status > 999) throw std::invalid_argument("invalid status-code");
  const auto code = static_cast<unsigned>(response.status);
  // A response to which HTTP forbids a body must not have one (what Beast enforced).
  if ((code / 100 == 1 || code == 204 || code == 304) && !response.body.empty()) {
    throw std::invalid_argument("invalid response body");
  }
  out.clear();
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  out.push_back(static_cast<char>('0' + code / 100));
  out.push_back(static_cast<char>('0' + (code / 10) % 10));
  out.push_back(static_cast<char>('0' + code % 10));
  out.push_back(' ');
  const auto reason = http::obsolete_reason(static_cast<http::status>(code));
  out.append(reason.data(), reason.size());
  out.append("\r\n");
  if (!response.content_type.empty()) append_field(out, "Content-Type", response.content_type);
  for (std::size_t i = 0; i < response.headers.size(); ++i) {
    if (i == reply.deferred.position) append_deferred_headers(out, reply.deferred);
    const auto& [name, value] = response.headers[i];
    // The server owns framing; a line break in a header would split the response.
    if (is_framing_header(name) || has_line_break(name) || has_line_break(value) || name.empty()) continue;
    append_field(out, name, value);
  }
  if (reply.deferred.position >= response.headers.size()) append_deferred_headers(out, reply.deferred);
  if (version == 10) {
    if (keep_alive) out.append("Connection: keep-alive\r\n");
  } else if (!keep_alive) {
    out.append("Connection: close\r\n");
  }
  if (response.stream) {
    out.append("\r\n");
    return;
  }
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, response.body.size()).ptr;
  out.append("Content-Length: ");
  out.append(digits, end);
  out.append("\r\n\r\n");
}

std::string peer_address(const Socket& socket) {
  error_code ec;
  auto address = socket.remote_endpoint(ec).address();
  if (ec) return {};
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

}  // namespace server_detail

Request Server::Impl::make_request(http::request<http::string_body>& message, const std::string& peer_key) {
  Request request;
  request.method = parse_method(message.method_string());
  request.target = std::string(message.target());
  request.headers.reserve(16);
  for (const auto& field : message) request.headers.emplace_back(field.name_string(), field.value());
  request.body = std::move(message.body());
  request.client_key = peer_key;
  if (options_.trust_proxy) {
    if (auto forwarded = request.header("X-Forwarded-For")) {
      std::string_view address = first_forwarded_for(*forwarded);
      if (!address.empty()) request.client_key = keyer_.key_for(address);
    }
    auto proto = request.header("X-Forwarded-Proto");
    request.secure = proto && ascii::iequals(trim(proto->substr(0, proto->find(','))), "https");
  }
  return request;
}

}  // namespace hearth
