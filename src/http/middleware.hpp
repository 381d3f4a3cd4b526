#pragma once
// What the server does to every response after its handler, before writing it: security
// headers, caching defaults and gzip. Beast-free so that it is unit-tested directly.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/http_message.hpp"

namespace hearth {

// Bodies smaller than this are sent as they are: gzip saves too little to pay its CPU.
inline constexpr std::size_t min_gzip_size = 1024;

// CSP, nosniff, no-referrer, frame denial and friends; HSTS on secure requests only;
// Cache-Control: no-store for HTML and JSON unless the handler chose a policy. Headers
// the handler set itself are kept.
void add_security_headers(const Request& request, Response& response);

// Compresses the body with gzip when the client accepts it and it is worth it, or
// inflates a precompressed body (body_is_gzip) for a client that does not accept gzip.
void negotiate_encoding(const Request& request, Response& response);

// Both of the above, in order.
void finish_response(const Request& request, Response& response);

// The security headers a response still needs, as add_security_headers would add them,
// and where: the server writes them from constants instead of copying them into
// response.headers and out again.
struct DeferredHeaders {
  unsigned mask = 0;         // which of them (an opaque set; 0: none)
  std::size_t position = 0;  // they go right before response.headers[position]
};

// finish_response for the server: the same response on the wire, once the server writes
// the deferred headers at their position (append_deferred_headers).
DeferredHeaders finish_response_deferred(const Request& request, Response& response);

// Appends the deferred headers as HTTP/1.1 field lines ("Name: value\r\n"), in the order
// add_security_headers adds them.
void append_deferred_headers(std::string& out, const DeferredHeaders& deferred);

// Declares the http metric families (HELP texts) in Metrics::global().
void describe_http_metrics();

// hearth_http_requests_total{route,status} and hearth_http_request_duration_seconds{route}.
// `route` is a route name, never a path: paths would make the label set unbounded.
void record_request_metrics(std::string_view route, int status, double seconds);

}  // namespace hearth
