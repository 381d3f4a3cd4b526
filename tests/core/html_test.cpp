#include "core/html.hpp"

#include <gtest/gtest.h>

#include <type_traits>


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

}  // namespace hearth
