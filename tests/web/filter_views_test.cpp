#include "web/filter_views.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(FilterViews, MarkedTextEscapesAndMarksTheSpans) {
  Html h;
  marked_text(h, "Call <Sarah> on 0770\nnow", {{5, 12}, {16, 20}});
  EXPECT_EQ(h.str(), "<div class=\"prompt-text\">Call <mark>&lt;Sarah&gt;</mark> on <mark>0770</mark>\nnow</div>");
  Html broken;
  marked_text(broken, "short", {{1, 3}, {2, 4}, {3, 99}});  // overlapping or out of range: left out
  EXPECT_EQ(broken.str(), "<div class=\"prompt-text\">s<mark>ho</mark>rt</div>");
}

TEST(FilterViews, WithQueryGoesBeforeTheFragment) {
  EXPECT_EQ(with_query("/g/a/t/1#post-2", "crisis=2"), "/g/a/t/1?crisis=2#post-2");
  EXPECT_EQ(with_query("/g/a/t/1?after=5.6#post-2", "crisis=2"), "/g/a/t/1?after=5.6&crisis=2#post-2");
  EXPECT_EQ(with_query("/g/a/t/1", "crisis=2"), "/g/a/t/1?crisis=2");
}

}  // namespace
}  // namespace hearth
