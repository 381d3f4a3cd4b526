#include "web/html.hpp"

#include <gtest/gtest.h>

#include <type_traits>

#include "web/layout.hpp"

namespace hearth {

TEST(Html, TextIsEscaped) {
  Html h;
  h.m("<p title=\"").t("\"><script>x</script>").m("\">").t("Tom & Jerry's <b>").m("</p>");
  EXPECT_EQ(h.str(),
            "<p title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">Tom &amp; Jerry&#39;s &lt;b&gt;</p>");
}

TEST(Html, MarkupAcceptsOnlyCompileTimeLiterals) {
  // Markup's constructor is consteval: a std::string cannot become markup.
  static_assert(!std::is_convertible_v<std::string, Markup>);
  static_assert(!std::is_constructible_v<Markup, std::string>);
  static_assert(std::is_convertible_v<const char (&)[4], Markup>);
}

TEST(Html, NumbersAndRawAreDeliberate) {
  Html inner;
  inner.m("<em>").t("<safe>").m("</em>");
  Html outer;
  outer.num(-42).raw_unescaped(inner.str());
  EXPECT_EQ(outer.str(), "-42<em>&lt;safe&gt;</em>");
}

TEST(Layout, NoInlineScriptAndEveryPageLinksToHelp) {
  const std::string page = render_layout({.title = "T<itle>"}, false, "", "<p>body</p>");
  EXPECT_NE(page.find("<title>T&lt;itle&gt; · Hearth</title>"), std::string::npos);
  EXPECT_NE(page.find("href=\"/help\""), std::string::npos);
  EXPECT_NE(page.find("Get help now"), std::string::npos);
  EXPECT_NE(page.find("<main id=\"main\""), std::string::npos);
  EXPECT_NE(page.find("noindex"), std::string::npos);
  // Scripts only by src (the CSP forbids inline script).
  std::size_t at = 0;
  while ((at = page.find("<script", at)) != std::string::npos) {
    const std::size_t end = page.find('>', at);
    EXPECT_NE(page.substr(at, end - at).find(" src=\"/assets/"), std::string::npos);
    EXPECT_EQ(page.compare(end + 1, 9, "</script>"), 0);
    at = end;
  }
}

TEST(Layout, MembersGetALogOutFormWithCsrf) {
  const std::string page = render_layout({.title = "Home"}, true, "tok\"en", "");
  EXPECT_NE(page.find("action=\"/logout\""), std::string::npos);
  EXPECT_NE(page.find("value=\"tok&quot;en\""), std::string::npos);
  EXPECT_EQ(page.find("href=\"/login\""), std::string::npos);
}

}  // namespace hearth
