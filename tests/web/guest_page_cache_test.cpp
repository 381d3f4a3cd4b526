#include "web/guest_page_cache.hpp"

#include <gtest/gtest.h>

#include "core/compression.hpp"

namespace hearth {
namespace {

constexpr GroupId group = 7;
constexpr ThreadId thread = 9;

Request guest_get(std::string target) {
  Request request;
  request.method = Method::get;
  request.target = std::move(target);
  return request;
}

Response page(std::string body) {
  Response response;
  response.body = std::move(body);
  return response;
}

struct CacheFixture : ::testing::Test {
  ChangeFeed feed;
  FakeClock clock{1'795'255'200'000};
  GuestPageCache cache{feed, clock, 1 << 20, 30'000};

  std::optional<std::string> kept_body(const std::string& key) {
    auto found = cache.find(key);
    if (!found) return std::nullopt;
    return found->body;
  }
};

TEST_F(CacheFixture, AKeptPageIsServedUntilItsConversationChanges) {
  const auto snapshot = feed.snapshot(group, thread);
  cache.keep("/g/a/t/9", page("<p>two replies</p>"), snapshot);
  EXPECT_EQ(kept_body("/g/a/t/9"), "<p>two replies</p>");

  feed.thread_changed(thread);  // a third reply was committed
  EXPECT_EQ(kept_body("/g/a/t/9"), std::nullopt);
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(CacheFixture, AGroupChangeDropsItsPages) {
  cache.keep("/g/a/t/9", page("public page"), feed.snapshot(group, thread));
  feed.group_changed(group);  // e.g. the group became private
  EXPECT_EQ(kept_body("/g/a/t/9"), std::nullopt);
}

TEST_F(CacheFixture, AChangeDuringRenderingMakesTheNewCopyStale) {
  // The snapshot is taken before the data is read; a reply committed while the page was
  // being rendered must not leave the old page current.
  const auto before_reading = feed.snapshot(group, thread);
  feed.thread_changed(thread);
  cache.keep("/g/a/t/9", page("rendered from older data"), before_reading);
  EXPECT_EQ(kept_body("/g/a/t/9"), std::nullopt);
}

TEST_F(CacheFixture, CopiesExpireSoRelativeTimesStayTrue) {
  cache.keep("/g/a/t/9", page("3 minutes ago"), feed.snapshot(group, thread));
  clock.advance(29'000);
  EXPECT_TRUE(kept_body("/g/a/t/9"));
  clock.advance(1'000);
  EXPECT_EQ(kept_body("/g/a/t/9"), std::nullopt);
}

TEST_F(CacheFixture, OnlyPlainSuccessfulPagesWithoutCookiesAreKept) {
  Response not_found = page("missing");
  not_found.status = 404;
  cache.keep("a", not_found, feed.snapshot(group, thread));
  Response with_cookie = page("sets a cookie");
  with_cookie.headers.emplace_back("Set-Cookie", "hearth_csrf=x");
  cache.keep("b", with_cookie, feed.snapshot(group, thread));
  EXPECT_EQ(cache.size(), 0u);
}

TEST_F(CacheFixture, AKeptPageCarriesItsGzipFormPreparedOnce) {
  const std::string body(4000, 'x');
  cache.keep("/g/a/t/9", page(body), feed.snapshot(group, thread));
  const auto found = cache.find("/g/a/t/9");
  ASSERT_TRUE(found);
  ASSERT_TRUE(found->gzip_copy);
  EXPECT_EQ(gzip_decompress(*found->gzip_copy, 1 << 20), body);
}

TEST_F(CacheFixture, TheLeastRecentlyUsedPagesMakeRoomWithinTheByteBudget) {
  // Each copy takes a little over 1,000 bytes (its body, its small gzip form, its key):
  // four fit in the budget, a fifth makes room by dropping the least recently used.
  GuestPageCache small{feed, clock, 4500, 30'000};
  const auto snapshot = feed.snapshot(group, thread);
  const Response body = page(std::string(1000, 'x'));
  for (const char* key : {"one", "two", "three", "four"}) small.keep(key, body, snapshot);
  ASSERT_EQ(small.size(), 4u);
  ASSERT_TRUE(small.find("one"));  // "two" is now the least recently used
  small.keep("five", body, snapshot);
  EXPECT_EQ(small.size(), 4u);
  EXPECT_FALSE(small.find("two"));
  for (const char* key : {"one", "three", "four", "five"}) EXPECT_TRUE(small.find(key)) << key;
}

TEST_F(CacheFixture, APageTooLargeForAQuarterOfTheBudgetIsNotKept) {
  GuestPageCache small{feed, clock, 4000, 30'000};
  small.keep("big", page(std::string(1200, 'x')), feed.snapshot(group, thread));
  EXPECT_EQ(small.size(), 0u);
}

TEST(GuestPageCacheKeyTest, RequestsWithASessionHaveNoGuestKey) {
  Request member = guest_get("/g/a/t/9");
  member.headers.emplace_back("Cookie", "hearth_session=abc");
  EXPECT_EQ(GuestPageCache::key_for(member), std::nullopt);
  Request post = guest_get("/g/a/t/9");
  post.method = Method::post;
  EXPECT_EQ(GuestPageCache::key_for(post), std::nullopt);
}

TEST(GuestPageCacheKeyTest, TheTimeZoneCookieAndTheQueryArePartOfTheKey) {
  Request plain = guest_get("/g/a/t/9?after=1.2");
  Request in_sydney = guest_get("/g/a/t/9?after=1.2");
  in_sydney.headers.emplace_back("Cookie", "hearth_tz=Australia/Sydney");
  const auto a = GuestPageCache::key_for(plain);
  const auto b = GuestPageCache::key_for(in_sydney);
  ASSERT_TRUE(a && b);
  EXPECT_NE(*a, *b);
  EXPECT_NE(*a, *GuestPageCache::key_for(guest_get("/g/a/t/9")));
}

}  // namespace
}  // namespace hearth
