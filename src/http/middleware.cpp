#include "http/middleware.hpp"

#include <array>
#include <bit>
#include <charconv>
#include <vector>

#include "core/metrics.hpp"
#include "core/text.hpp"
#include "core/ascii.hpp"
#include "core/compression.hpp"

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

struct SecurityHeader {
  std::string_view name;
  std::string_view value;
};

// In the order they are added. Bit i of a mask stands for security_headers[i].
constexpr SecurityHeader security_headers[] = {
    {"Content-Security-Policy", content_security_policy},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Permissions-Policy", "interest-cohort=()"},
    {"Cross-Origin-Opener-Policy", "same-origin"},
    {"Strict-Transport-Security", strict_transport_security},  // secure requests only
    {"Cache-Control", "no-store"},                             // private types only
};
constexpr unsigned always = (1u << 6) - 1;
constexpr unsigned hsts_bit = 1u << 6;
constexpr unsigned no_store_bit = 1u << 7;

// The security headers the response should get and does not have yet (the handler's
// own choices are kept). One pass over the response's headers.
unsigned missing_security_headers(const Request& request, const Response& response) {
  unsigned wanted = always;
  if (request.secure) wanted |= hsts_bit;
  if (is_private_by_default(response.content_type)) wanted |= no_store_bit;
  for (const auto& header : response.headers) {
    for (unsigned rest = wanted; rest != 0; rest &= rest - 1) {
      const int i = std::countr_zero(rest);
      if (ascii::iequals(header.first, security_headers[i].name)) wanted &= ~(1u << i);
    }
  }
  return wanted;
}

// "Name: value\r\n" for each security header, built once.
const std::array<std::string, std::size(security_headers)>& security_header_lines() {
  static const auto lines = [] {
    std::array<std::string, std::size(security_headers)> out;
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].append(security_headers[i].name).append(": ").append(security_headers[i].value).append("\r\n");
    }
    return out;
  }();
  return lines;
}

}  // namespace

void add_security_headers(const Request& request, Response& response) {
  const unsigned missing = missing_security_headers(request, response);
  response.headers.reserve(response.headers.size() + static_cast<std::size_t>(std::popcount(missing)));
  for (unsigned rest = missing; rest != 0; rest &= rest - 1) {
    const SecurityHeader& header = security_headers[std::countr_zero(rest)];
    response.headers.emplace_back(header.name, header.value);
  }
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
  if (response.gzip_copy) {
    add_vary_accept_encoding(response);
    if (!client_gzip) return;
    response.body = *response.gzip_copy;
    response.body_is_gzip = true;
    response.headers.emplace_back("Content-Encoding", "gzip");
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

// Equivalent to finish_response: negotiate_encoding neither looks at nor changes any of
// the security headers, and whatever it appends comes after them.
DeferredHeaders finish_response_deferred(const Request& request, Response& response) {
  DeferredHeaders deferred{missing_security_headers(request, response), response.headers.size()};
  negotiate_encoding(request, response);
  return deferred;
}

void append_deferred_headers(std::string& out, const DeferredHeaders& deferred) {
  const auto& lines = security_header_lines();
  for (unsigned rest = deferred.mask; rest != 0; rest &= rest - 1) out.append(lines[std::countr_zero(rest)]);
}

void describe_http_metrics() {
  Metrics& metrics = Metrics::global();
  metrics.describe(requests_total, MetricType::counter, "HTTP requests answered, by route name and status code.");
  metrics.describe(request_duration, MetricType::histogram,
                   "Time from a parsed request to its response being ready, by route name.");
}

void record_request_metrics(std::string_view route, int status, double seconds) {
  // The series of each (route, status) this thread has seen, looked up once: routes and
  // statuses form a small fixed set, so this stays short.
  struct Seen {
    std::string route;
    int status;
    Metrics::Handle count;
    Metrics::Handle duration;
  };
  thread_local std::vector<Seen> seen;
  for (const Seen& s : seen) {
    if (s.status == status && s.route == route) {
      Metrics::global().count(s.count);
      Metrics::global().observe(s.duration, seconds);
      return;
    }
  }
  char digits[12];
  auto end = std::to_chars(digits, digits + sizeof digits, status).ptr;
  Metrics& metrics = Metrics::global();
  Metrics::Handle count =
      metrics.counter(requests_total, {{"route", route}, {"status", std::string_view(digits, end - digits)}});
  Metrics::Handle duration = metrics.histogram(request_duration, {{"route", route}});
  metrics.count(count);
  metrics.observe(duration, seconds);
  // Bounded all the same, should a handler invent statuses.
  if (seen.size() < 256) seen.push_back(Seen{std::string(route), status, count, duration});
}

}  // namespace hearth
