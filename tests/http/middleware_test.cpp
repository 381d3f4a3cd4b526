#include "http/middleware.hpp"

#include <gtest/gtest.h>

#include "core/metrics.hpp"
#include "core/compression.hpp"

namespace hearth {
namespace {

Request request_with(HeaderList headers, bool secure = false) {
  Request r;
  r.headers = std::move(headers);
  r.secure = secure;
  return r;
}

Response html(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

std::string big_page() {
  std::string body = "<!doctype html><title>Thread</title>";
  while (body.size() < 8000) body += "<p>You are not alone in this; many of us have been there.</p>";
  return body;
}

TEST(SecurityHeaders, AllPresentOnAnHtmlPage) {
  Response r = html("<p>hi</p>");
  add_security_headers(request_with({}), r);
  EXPECT_EQ(r.header("Content-Security-Policy"),
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
  EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Permissions-Policy"), "interest-cohort=()");
  EXPECT_EQ(r.header("Cross-Origin-Opener-Policy"), "same-origin");
  EXPECT_EQ(r.header("Cache-Control"), "no-store");
  EXPECT_FALSE(r.header("Strict-Transport-Security").has_value());
}

TEST(SecurityHeaders, HstsOnlyWhenSecure) {
  Response r = html("x");
  add_security_headers(request_with({}, /*secure=*/true), r);
  EXPECT_EQ(r.header("Strict-Transport-Security"), "max-age=63072000; includeSubDomains");
}

TEST(SecurityHeaders, HandlerChoicesAreKept) {
  Response r = html("x");
  r.headers = {{"cache-control", "public, max-age=31536000, immutable"},
               {"Content-Security-Policy", "default-src 'none'"}};
  add_security_headers(request_with({}), r);
  EXPECT_EQ(r.header("Cache-Control"), "public, max-age=31536000, immutable");
  EXPECT_EQ(r.header("Content-Security-Policy"), "default-src 'none'");
  int csp_count = 0;
  for (const auto& [name, value] : r.headers) csp_count += name == "Content-Security-Policy";
  EXPECT_EQ(csp_count, 1);
}

TEST(SecurityHeaders, NoStoreForJsonButNotForOtherTypes) {
  Response json;
  json.content_type = "application/json";
  add_security_headers(request_with({}), json);
  EXPECT_EQ(json.header("Cache-Control"), "no-store");

  Response problem;
  problem.content_type = "application/problem+json";
  add_security_headers(request_with({}), problem);
  EXPECT_EQ(problem.header("Cache-Control"), "no-store");

  Response css;
  css.content_type = "text/css";
  add_security_headers(request_with({}), css);
  EXPECT_FALSE(css.header("Cache-Control").has_value());
  EXPECT_EQ(css.header("X-Content-Type-Options"), "nosniff");
}

TEST(Encoding, CompressesLargeHtmlForGzipClients) {
  std::string page = big_page();
  Response r = html(page);
  negotiate_encoding(request_with({{"accept-encoding", "gzip, br"}}), r);
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
  EXPECT_EQ(r.header("Vary"), "Accept-Encoding");
  EXPECT_TRUE(r.body_is_gzip);
  EXPECT_LT(r.body.size(), page.size());
  EXPECT_EQ(gzip_decompress(r.body, 1 << 20), page);
}

TEST(Encoding, PlainForClientsWithoutGzipButVaryIsSet) {
  std::string page = big_page();
  Response r = html(page);
  negotiate_encoding(request_with({{"Accept-Encoding", "br;q=1, gzip;q=0"}}), r);
  EXPECT_FALSE(r.header("Content-Encoding").has_value());
  EXPECT_EQ(r.header("Vary"), "Accept-Encoding");  // caches must not mix the two
  EXPECT_EQ(r.body, page);
}

TEST(Encoding, SmallOrIncompressibleBodiesAreLeftAlone) {
  Response small = html(std::string(min_gzip_size - 1, 'a'));
  negotiate_encoding(request_with({{"Accept-Encoding", "gzip"}}), small);
  EXPECT_FALSE(small.header("Content-Encoding").has_value());
  EXPECT_FALSE(small.header("Vary").has_value());

  Response png = html(std::string(5000, 'a'));
  png.content_type = "image/png";
  negotiate_encoding(request_with({{"Accept-Encoding", "gzip"}}), png);
  EXPECT_FALSE(png.header("Content-Encoding").has_value());
  EXPECT_EQ(png.body, std::string(5000, 'a'));
}

TEST(Encoding, ExistingVaryIsExtended) {
  Response r = html(big_page());
  r.headers = {{"vary", "Cookie"}};
  negotiate_encoding(request_with({{"Accept-Encoding", "gzip"}}), r);
  EXPECT_EQ(r.header("Vary"), "Cookie, Accept-Encoding");
}

TEST(Encoding, PrecompressedBodyPassesThroughOrIsInflated) {
  std::string css(3000, 'x');
  Response pass;
  pass.content_type = "text/css";
  pass.body = gzip_compress(css);
  pass.body_is_gzip = true;
  std::string compressed = pass.body;
  negotiate_encoding(request_with({{"Accept-Encoding", "gzip"}}), pass);
  EXPECT_EQ(pass.body, compressed);  // not compressed twice
  EXPECT_EQ(pass.header("Content-Encoding"), "gzip");

  Response inflate = pass;
  inflate.headers.clear();
  negotiate_encoding(request_with({}), inflate);
  EXPECT_EQ(inflate.body, css);
  EXPECT_FALSE(inflate.body_is_gzip);
  EXPECT_FALSE(inflate.header("Content-Encoding").has_value());
  EXPECT_EQ(inflate.header("Vary"), "Accept-Encoding");
}

TEST(Encoding, CorruptPrecompressedBodyIsAnErrorNotGarbage) {
  Response r;
  r.content_type = "text/css";
  r.body = "definitely not gzip";
  r.body_is_gzip = true;
  negotiate_encoding(request_with({}), r);
  EXPECT_EQ(r.status, 500);
  EXPECT_FALSE(r.body_is_gzip);
}

TEST(Encoding, HandlerSetContentEncodingIsRespected) {
  Response r = html(big_page());
  r.headers = {{"Content-Encoding", "identity"}};
  std::string before = r.body;
  negotiate_encoding(request_with({{"Accept-Encoding", "gzip"}}), r);
  EXPECT_EQ(r.body, before);
}

TEST(FinishResponse, AppliesHeadersAndCompression) {
  Response r = html(big_page());
  finish_response(request_with({{"Accept-Encoding", "gzip"}}), r);
  EXPECT_EQ(r.header("X-Frame-Options"), "DENY");
  EXPECT_EQ(r.header("Content-Encoding"), "gzip");
}

TEST(RequestMetrics, CountsByRouteAndStatus) {
  describe_http_metrics();
  record_request_metrics("test.middleware", 201, 0.003);
  record_request_metrics("test.middleware", 201, 0.004);
  std::string out = Metrics::global().render_prometheus();
  EXPECT_NE(out.find("# TYPE hearth_http_requests_total counter"), std::string::npos);
  EXPECT_NE(out.find("hearth_http_requests_total{route=\"test.middleware\",status=\"201\"} 2\n"), std::string::npos)
      << out;
  EXPECT_NE(out.find("hearth_http_request_duration_seconds_bucket{route=\"test.middleware\","
                     "le=\"0.005\"} 2\n"),
            std::string::npos);
}

}  // namespace
}  // namespace hearth
