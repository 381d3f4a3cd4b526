#include "http/middleware.hpp"

#include <charconv>

#include "core/metrics.hpp"
#include "core/text.hpp"
#include "http/ascii.hpp"
#include "http/compression.hpp"

namespace hearth {
namespace {

constexpr std::string_view content_security_policy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

// Two years, the value browsers' preload lists ask for.
constexpr std::string_view strict_transport_security = "max-age=63072000; includeSubDomains";

// Inflating a precompressed asset is bounded so a corrupt one cannot exhaust memory.
constexpr std::size_t max_inflated_size = 64 << 20;

constexpr std::string_view requests_total = "hearth_http_requests_total";
constexpr std::string_view request_duration = "hearth_http_request_duration_seconds";

void set_if_absent(Response& response, std::string_view name, std::string_view value) {
  if (!response.header(name)) response.headers.emplace_back(name, value);
}

// "text/html" matches "text/html; charset=utf-8" but not "text/htmlx".
bool has_media_type(std::string_view content_type, std::string_view type) {
  std::string_view actual = trim(content_type.substr(0, content_type.find(';')));
  return ascii::iequals(actual, type);
}

// Pages and API answers carry personal content: no shared or browser cache may keep them.
bool is_private_by_default(std::string_view content_type) {
  return has_media_type(content_type, "text/html") || has_media_type(content_type, "application/json") ||
         ascii::icontains(content_type, "+json");
}

void add_vary_accept_encoding(Response& response) {
  for (auto& [name, value] : response.headers) {
    if (!ascii::iequals(name, "Vary")) continue;
    if (!ascii::icontains(value, "Accept-Encoding") && value != "*") {
      value.append(value.empty() ? "Accept-Encoding" : ", Accept-Encoding");
    }
    return;
  }
  response.headers.emplace_back("Vary", "Accept-Encoding");
}

void fail_with_internal_error(Response& response) {
  response.status = 500;
  response.content_type = "text/plain; charset=utf-8";
  response.body = "Something went wrong on our side. Please try again in a moment.";
  response.body_is_gzip = false;
}

}  // namespace

void add_security_headers(const Request& request, Response& response) {
  set_if_absent(response, "Content-Security-Policy", content_security_policy);
  set_if_absent(response, "X-Content-Type-Options", "nosniff");
  set_if_absent(response, "Referrer-Policy", "no-referrer");
  set_if_absent(response, "X-Frame-Options", "DENY");
  set_if_absent(response, "Permissions-Policy", "interest-cohort=()");
  set_if_absent(response, "Cross-Origin-Opener-Policy", "same-origin");
  if (request.secure) set_if_absent(response, "Strict-Transport-Security", strict_transport_security);
  if (is_private_by_default(response.content_type)) set_if_absent(response, "Cache-Control", "no-store");
}

void negotiate_encoding(const Request& request, Response& response) {
  if (response.header("Content-Encoding")) return;  // the handler chose; leave it alone
  bool client_gzip = accepts_gzip(request.header("Accept-Encoding").value_or(""));
  if (response.body_is_gzip) {
    add_vary_accept_encoding(response);
    if (client_gzip) {
      response.headers.emplace_back("Content-Encoding", "gzip");
      return;
    }
    auto inflated = gzip_decompress(response.body, max_inflated_size);
    if (!inflated) return fail_with_internal_error(response);
    response.body = std::move(*inflated);
    response.body_is_gzip = false;
    return;
  }
  if (response.body.size() < min_gzip_size || !is_compressible_type(response.content_type)) return;
  add_vary_accept_encoding(response);
  if (!client_gzip) return;
  response.body = gzip_compress(response.body);
  response.body_is_gzip = true;
  response.headers.emplace_back("Content-Encoding", "gzip");
}

void finish_response(const Request& request, Response& response) {
  add_security_headers(request, response);
  negotiate_encoding(request, response);
}

void describe_http_metrics() {
  Metrics& metrics = Metrics::global();
  metrics.describe(requests_total, MetricType::counter, "HTTP requests answered, by route name and status code.");
  metrics.describe(request_duration, MetricType::histogram,
                   "Time from a parsed request to its response being ready, by route name.");
}

void record_request_metrics(std::string_view route, int status, double seconds) {
  char digits[12];
  auto end = std::to_chars(digits, digits + sizeof digits, status).ptr;
  Metrics& metrics = Metrics::global();
  metrics.count(requests_total, {{"route", route}, {"status", std::string_view(digits, end - digits)}});
  metrics.observe(request_duration, {{"route", route}}, seconds);
}

}  // namespace hearth
