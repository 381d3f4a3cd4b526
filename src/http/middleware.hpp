#pragma once
// What the server does to every response after its handler, before writing it: security
// headers, caching defaults and gzip. Beast-free so that it is unit-tested directly.
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

// Both of the above, in order: the one call the server makes per response.
void finish_response(const Request& request, Response& response);

// Declares the http metric families (HELP texts) in Metrics::global().
void describe_http_metrics();

// hearth_http_requests_total{route,status} and hearth_http_request_duration_seconds{route}.
// `route` is a route name, never a path: paths would make the label set unbounded.
void record_request_metrics(std::string_view route, int status, double seconds);

}  // namespace hearth
