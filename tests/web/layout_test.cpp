#include "web/layout.hpp"

#include <gtest/gtest.h>

namespace hearth {

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
