#include "core/http_message.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(Method, NamesRoundTripAndAreCaseSensitive) {
  for (Method m :
       {Method::get, Method::head, Method::post, Method::put, Method::patch, Method::delete_, Method::options}) {
    EXPECT_EQ(parse_method(method_name(m)), m);
  }
  EXPECT_STREQ(method_name(Method::delete_), "DELETE");
  EXPECT_EQ(parse_method("get"), Method::other);
  EXPECT_EQ(parse_method("BREW"), Method::other);
  EXPECT_EQ(parse_method(""), Method::other);
}

TEST(Request, HeaderLookupIsCaseInsensitiveAndReturnsTheFirst) {
  Request r;
  r.headers = {{"Accept-Encoding", "gzip"}, {"X-Thing", "one"}, {"x-thing", "two"}};
  EXPECT_EQ(r.header("accept-encoding"), "gzip");
  EXPECT_EQ(r.header("ACCEPT-ENCODING"), "gzip");
  EXPECT_EQ(r.header("X-THING"), "one");
  EXPECT_FALSE(r.header("Accept").has_value());
  EXPECT_FALSE(r.header("Accept-Encodin").has_value());
}

TEST(Request, CookieParsing) {
  Request r;
  r.headers = {{"cookie", "theme=dark;session=abc123 ;  empty=; quoted=\"q v\"; novalue"}};
  EXPECT_EQ(r.cookie("session"), "abc123");
  EXPECT_EQ(r.cookie("theme"), "dark");
  EXPECT_EQ(r.cookie("empty"), "");
  EXPECT_EQ(r.cookie("quoted"), "q v");
  EXPECT_FALSE(r.cookie("novalue").has_value());
  EXPECT_FALSE(r.cookie("sess").has_value());
  EXPECT_FALSE(r.cookie("Session").has_value());  // cookie names are case-sensitive
}

TEST(Request, CookieAcrossSeveralHeadersAndFirstWins) {
  Request r;
  r.headers = {{"Cookie", "a=1; a=2"}, {"Cookie", "b=3"}};
  EXPECT_EQ(r.cookie("a"), "1");
  EXPECT_EQ(r.cookie("b"), "3");
  Request none;
  EXPECT_FALSE(none.cookie("a").has_value());
}

TEST(Request, Params) {
  Request r;
  r.params = {{"slug", "new-parents"}, {"id", "42"}};
  EXPECT_EQ(r.param("slug"), "new-parents");
  EXPECT_EQ(r.param("id"), "42");
  EXPECT_FALSE(r.param("name").has_value());
}

TEST(Request, QueryValueDecodesPercentAndPlus) {
  Request r;
  r.query = "q=hello+world%21&page=2&&empty=&flag&caf%C3%A9=ok&q=second";
  EXPECT_EQ(r.query_value("q"), "hello world!");
  EXPECT_EQ(r.query_value("page"), "2");
  EXPECT_EQ(r.query_value("empty"), "");
  EXPECT_EQ(r.query_value("flag"), "");
  EXPECT_EQ(r.query_value("café"), "ok");
  EXPECT_FALSE(r.query_value("missing").has_value());
  EXPECT_FALSE(r.query_value("").has_value());
}

TEST(Request, QueryValueKeepsInvalidEscapesRaw) {
  Request r;
  r.query = "a=100%&b=%zz&c=%4";
  EXPECT_EQ(r.query_value("a"), "100%");
  EXPECT_EQ(r.query_value("b"), "%zz");
  EXPECT_EQ(r.query_value("c"), "%4");
}

TEST(Response, SetHeaderReplacesCaseInsensitively) {
  Response r;
  r.headers = {{"cache-control", "max-age=60"}, {"Set-Cookie", "a=1"}, {"Cache-Control", "x"}};
  r.set_header("Cache-Control", "no-store");
  ASSERT_EQ(r.headers.size(), 2u);
  EXPECT_EQ(r.header("CACHE-CONTROL"), "no-store");
  EXPECT_EQ(r.header("set-cookie"), "a=1");
  r.set_header("Vary", "Accept-Encoding");
  EXPECT_EQ(r.header("vary"), "Accept-Encoding");
  EXPECT_EQ(r.headers.size(), 3u);
  EXPECT_FALSE(r.header("Location").has_value());
}

TEST(Response, ContentTypeIsOneValue) {
  Response r;
  EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8");
  r.set_header("Content-Type", "application/json");
  EXPECT_EQ(r.content_type, "application/json");
  EXPECT_TRUE(r.headers.empty());
  r.content_type.clear();
  EXPECT_FALSE(r.header("Content-Type").has_value());
}

TEST(Response, RedirectSeeOther) {
  Response r = redirect_see_other("/groups/new-parents");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(r.header("Location"), "/groups/new-parents");
  EXPECT_TRUE(r.body.empty());
}

TEST(SetCookie, DefaultsAreSafe) {
  EXPECT_EQ(format_set_cookie("session", "abc", {}), "session=abc; Path=/; HttpOnly; SameSite=Lax");
}

TEST(SetCookie, AllOptions) {
  CookieOptions options;
  options.secure = true;
  options.same_site = "Strict";
  options.max_age_seconds = 3600;
  EXPECT_EQ(format_set_cookie("s", "v", options), "s=v; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Strict");
  options.http_only = false;
  options.same_site.clear();
  options.max_age_seconds = 0;
  EXPECT_EQ(format_set_cookie("s", "", options), "s=; Path=/; Max-Age=0; Secure");
  options.max_age_seconds = -5;  // a negative age means "expire now", as 0 does
  EXPECT_EQ(format_set_cookie("s", "", options), "s=; Path=/; Max-Age=0; Secure");
}

TEST(SetCookie, ValueCannotInjectAttributes) {
  std::string header = format_set_cookie("s", "x; Domain=evil.example\r\n", {});
  EXPECT_EQ(header, "s=x%3B%20Domain=evil.example%0D%0A; Path=/; HttpOnly; SameSite=Lax");
}

TEST(Form, ParsesUrlEncodedBody) {
  auto fields = parse_form("title=Hello+there&body=line1%0D%0Aline2&empty=&novalue&&x=%E2%9C%93");
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[0], (std::pair<std::string, std::string>{"title", "Hello there"}));
  EXPECT_EQ(fields[1].second, "line1\r\nline2");
  EXPECT_EQ(fields[2], (std::pair<std::string, std::string>{"empty", ""}));
  EXPECT_EQ(fields[3], (std::pair<std::string, std::string>{"novalue", ""}));
  EXPECT_EQ(fields[4].second, "\xE2\x9C\x93");
}

TEST(Form, KeepsRepeatedKeysAndValuesWithEquals) {
  auto fields = parse_form("tag=a&tag=b&eq=a=b");
  ASSERT_EQ(fields.size(), 3u);
  EXPECT_EQ(fields[1].second, "b");
  EXPECT_EQ(fields[2].second, "a=b");
}

TEST(Form, InvalidEscapesNeverCrash) {
  EXPECT_TRUE(parse_form("").empty());
  EXPECT_TRUE(parse_form("&&&").empty());
  auto fields = parse_form("a=%&b=%%&c=%G1&d=%1&e=%");
  ASSERT_EQ(fields.size(), 5u);
  EXPECT_EQ(fields[0].second, "%");
  EXPECT_EQ(fields[1].second, "%%");
  EXPECT_EQ(fields[2].second, "%G1");
  EXPECT_EQ(fields[3].second, "%1");
  EXPECT_EQ(fields[4].second, "%");
}

TEST(Percent, EncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(percent_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(percent_encode("a b/c?d&e=f+g%"), "a%20b%2Fc%3Fd%26e%3Df%2Bg%25");
  EXPECT_EQ(percent_encode("café"), "caf%C3%A9");
  EXPECT_EQ(percent_encode(""), "");
}

TEST(Percent, DecodeIsStrict) {
  EXPECT_EQ(percent_decode("a%20b%2fc", false), "a b/c");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("%00", false), std::string(1, '\0'));
  EXPECT_FALSE(percent_decode("%", false).has_value());
  EXPECT_FALSE(percent_decode("abc%2", false).has_value());
  EXPECT_FALSE(percent_decode("%zz", false).has_value());
  EXPECT_FALSE(percent_decode("%-1", false).has_value());
}

TEST(Percent, RoundTripsEveryByte) {
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  EXPECT_EQ(percent_decode(percent_encode(all), false), all);
  EXPECT_EQ(percent_decode(percent_encode(all), true), all);
}

}  // namespace
}  // namespace hearth
