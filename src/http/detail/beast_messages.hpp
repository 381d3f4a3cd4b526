#pragma once
// Between Beast's messages and core's Request/Response: what the sessions need to read a
// request and write a response head. Private to src/http, like detail/connection.hpp.
// (Server::Impl::make_request, which also belongs here, is a member: it needs the
// server's options and client keyer.)
#include <string>
#include <string_view>
#include <utility>

#include "core/http_message.hpp"
#include "http/detail/connection.hpp"
#include "http/middleware.hpp"

namespace hearth {
namespace server_detail {

// A response on its way out: the security headers finish_response would have added to
// response.headers are written from constants instead (see finish_response_deferred).
struct Reply {
  Response response;
  DeferredHeaders deferred;
};

// Status and message for a request that could not be read, or 0 to just hang up
// (the client left, timed out or the server is shutting down).
std::pair<int, std::string_view> read_failure(const error_code& ec);

// The status line and header fields of a reply, byte for byte what Beast's serializer
// wrote for the http::response<string_body> this server used to build: Content-Type,
// the headers in order (minus framing headers and any with a line break), Connection
// when needed, Content-Length.
// A streamed reply has no Content-Length: its body ends when the connection closes.
void serialize_head(std::string& out, unsigned version, const Reply& reply, bool keep_alive);

std::string peer_address(const Socket& socket);

}  // namespace server_detail
}  // namespace hearth
