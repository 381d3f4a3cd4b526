#include "http/router.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

Route route(Method method, std::string pattern, std::string name) {
  return Route{method, std::move(pattern), [](Request&) { return Response{}; }, std::move(name)};
}

Request request(Method method, std::string target) {
  Request r;
  r.method = method;
  r.target = std::move(target);
  return r;
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    router_.add(route(Method::get, "/", "home"));
    router_.add(route(Method::get, "/groups", "groups"));
    router_.add(route(Method::get, "/groups/{slug}", "group"));
    router_.add(route(Method::post, "/groups/{slug}", "group.update"));
    router_.add(route(Method::get, "/groups/new", "group.new"));
    router_.add(route(Method::get, "/groups/{slug}/threads/{id}", "thread"));
    router_.add(route(Method::delete_, "/api/v1/posts/{id}", "post.delete"));
  }

  std::string name_of(Method method, std::string target) {
    Request r = request(method, std::move(target));
    Router::Match m = router_.match(r);
    return m.route ? m.route->name : (m.method_not_allowed ? "405" : "404");
  }

  Router router_;
};

TEST_F(RouterTest, LiteralPaths) {
  EXPECT_EQ(name_of(Method::get, "/"), "home");
  EXPECT_EQ(name_of(Method::get, "/groups"), "groups");
  EXPECT_EQ(name_of(Method::get, "/group"), "404");
  EXPECT_EQ(name_of(Method::get, "/groupsx"), "404");
  EXPECT_EQ(name_of(Method::get, "/nothing/here"), "404");
}

TEST_F(RouterTest, TrailingSlashAndQueryAreIgnored) {
  EXPECT_EQ(name_of(Method::get, "/groups/"), "groups");
  EXPECT_EQ(name_of(Method::get, "/groups?page=2"), "groups");
  EXPECT_EQ(name_of(Method::get, "/groups/?page=2"), "groups");
  EXPECT_EQ(name_of(Method::get, "/?x=1"), "home");
  EXPECT_EQ(name_of(Method::get, "/groups//"), "404");
  EXPECT_EQ(name_of(Method::get, "//groups"), "404");
}

TEST_F(RouterTest, ParamsAreFilledAndPercentDecoded) {
  Request r = request(Method::get, "/groups/caf%C3%A9%2Fbar/threads/42?sort=new");
  r.params = {{"stale", "value"}};
  Router::Match m = router_.match(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.route->name, "thread");
  ASSERT_EQ(r.params.size(), 2u);
  EXPECT_EQ(r.param("slug"), "café/bar");  // an encoded slash stays inside the parameter
  EXPECT_EQ(r.param("id"), "42");
  EXPECT_FALSE(r.param("stale").has_value());
}

TEST_F(RouterTest, EmptyParamDoesNotMatch) {
  EXPECT_EQ(name_of(Method::get, "/groups//threads/1"), "404");
}

TEST_F(RouterTest, InvalidEscapeInParamIsNotFound) {
  EXPECT_EQ(name_of(Method::get, "/groups/%zz"), "404");
}

TEST_F(RouterTest, LiteralBeatsParamWhateverTheOrder) {
  EXPECT_EQ(name_of(Method::get, "/groups/new"), "group.new");
  EXPECT_EQ(name_of(Method::get, "/groups/newer"), "group");
  // Literal segments also match when sent percent-encoded.
  EXPECT_EQ(name_of(Method::get, "/%67roups/new"), "group.new");
}

TEST_F(RouterTest, MethodsSelectRoutes) {
  EXPECT_EQ(name_of(Method::post, "/groups/teachers"), "group.update");
  EXPECT_EQ(name_of(Method::get, "/groups/teachers"), "group");
  // POST /groups/new: the literal route is GET only, the parameter route takes POST.
  EXPECT_EQ(name_of(Method::post, "/groups/new"), "group.update");
  EXPECT_EQ(name_of(Method::delete_, "/api/v1/posts/7"), "post.delete");
}

TEST_F(RouterTest, HeadIsServedByGet) {
  EXPECT_EQ(name_of(Method::head, "/groups"), "groups");
  EXPECT_EQ(name_of(Method::head, "/groups/new"), "group.new");
  EXPECT_EQ(name_of(Method::head, "/api/v1/posts/7"), "405");
}

TEST_F(RouterTest, ExplicitHeadRouteWins) {
  router_.add(route(Method::head, "/groups", "groups.head"));
  EXPECT_EQ(name_of(Method::head, "/groups"), "groups.head");
  EXPECT_EQ(name_of(Method::get, "/groups"), "groups");
}

TEST_F(RouterTest, MethodNotAllowedListsAllowedMethods) {
  Request r = request(Method::put, "/groups/teachers");
  Router::Match m = router_.match(r);
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD, POST");

  Request other = request(Method::other, "/");
  m = router_.match(other);
  EXPECT_TRUE(m.method_not_allowed);
  EXPECT_EQ(m.allow, "GET, HEAD");

  Request missing = request(Method::put, "/missing");
  m = router_.match(missing);
  EXPECT_FALSE(m.method_not_allowed);
  EXPECT_TRUE(m.allow.empty());
}

TEST_F(RouterTest, FallsBackToPathWithoutTarget) {
  Request r;
  r.method = Method::get;
  r.path = "/groups/x";
  Router::Match m = router_.match(r);
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(r.param("slug"), "x");
}

TEST_F(RouterTest, VeryDeepPathsAreNotFound) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "/a";
  EXPECT_EQ(name_of(Method::get, deep), "404");
}

TEST_F(RouterTest, RoutePointersStayValidAfterMoreAdds) {
  Request r = request(Method::get, "/groups");
  const Route* before = router_.match(r).route;
  for (int i = 0; i < 100; ++i) router_.add(route(Method::get, "/r" + std::to_string(i), "r"));
  EXPECT_EQ(router_.match(r).route, before);
  EXPECT_EQ(before->name, "groups");
}

}  // namespace
}  // namespace hearth
