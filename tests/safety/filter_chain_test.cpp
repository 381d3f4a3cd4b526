#include "safety/filter_chain.hpp"

#include <gtest/gtest.h>

namespace hearth::safety {
namespace {

// A filter that reports what it is told to, so the chain's rules can be tested alone.
class FixedFilter final : public Filter {
 public:
  FixedFilter(std::string name, FilterAction action, std::vector<Span> spans = {}, std::string message = "")
      : name_(std::move(name)), action_(action), spans_(std::move(spans)), message_(std::move(message)) {}
  std::string_view name() const override { return name_; }
  void check(const FilterInput&, const NormalizedText&, std::vector<Finding>& findings) const override {
    findings.push_back({name_, action_, spans_, message_, "", 0});
  }

 private:
  std::string name_;
  FilterAction action_;
  std::vector<Span> spans_;
  std::string message_;
};

std::shared_ptr<const Filter> fixed(FilterAction action, std::vector<Span> spans = {}, std::string message = "") {
  return std::make_shared<FixedFilter>(std::string(filter_action_name(action)), action, std::move(spans),
                                       std::move(message));
}

TEST(FilterChain, NothingFoundAllows) {
  const Verdict v = FilterChain({}).run({.text = "hello"});
  EXPECT_EQ(v.decision, FilterAction::allow);
  EXPECT_TRUE(v.findings.empty());
  EXPECT_FALSE(v.crisis);
  EXPECT_FALSE(v.censored_text);
}

TEST(FilterChain, TheStrongestActionDecidesAndEveryFindingIsKept) {
  const std::vector<FilterAction> order = {FilterAction::flag, FilterAction::crisis,     FilterAction::censor,
                                           FilterAction::hold, FilterAction::reconsider, FilterAction::block};
  for (std::size_t strongest = 0; strongest < order.size(); ++strongest) {
    std::vector<std::shared_ptr<const Filter>> filters;
    for (std::size_t i = 0; i <= strongest; ++i) filters.push_back(fixed(order[strongest - i]));  // strongest first
    const Verdict v = FilterChain(filters).run({.text = "some text here"});
    EXPECT_EQ(v.decision, order[strongest]) << filter_action_name(order[strongest]);
    EXPECT_EQ(v.findings.size(), strongest + 1);
  }
}

TEST(FilterChain, PostingAnywaySetsAsideOnlyTheQuestions) {
  const FilterChain chain({fixed(FilterAction::reconsider), fixed(FilterAction::flag)});
  EXPECT_EQ(chain.run({.text = "x"}).decision, FilterAction::reconsider);
  EXPECT_EQ(chain.run({.text = "x", .author_confirmed = true}).decision, FilterAction::flag);
  const FilterChain blocked({fixed(FilterAction::reconsider), fixed(FilterAction::block)});
  EXPECT_EQ(blocked.run({.text = "x", .author_confirmed = true}).decision, FilterAction::block);
}

TEST(FilterChain, CrisisIsReportedWhateverElseDecides) {
  FilterInput input{.text = "x", .group_region = "GB", .author_region = "GB"};
  const Verdict v = FilterChain({fixed(FilterAction::crisis), fixed(FilterAction::hold)}).run(input);
  EXPECT_EQ(v.decision, FilterAction::hold);
  EXPECT_TRUE(v.crisis);
  EXPECT_EQ(v.crisis_regions, std::vector<std::string>{"GB"});  // distinct
  input.author_region = "";
  EXPECT_EQ(FilterChain({fixed(FilterAction::crisis)}).run(input).crisis_regions, std::vector<std::string>{"GB"});
}

TEST(FilterChain, CensoredTextMasksOnlyTheCensoredSpans) {
  const std::string text = "you are a d.u.m.b idiot, ok";
  const Verdict v = FilterChain({fixed(FilterAction::censor, {{10, 17}}), fixed(FilterAction::flag, {{0, 3}}),
                                 fixed(FilterAction::censor, {{18, 23}})})
                        .run({.text = text});
  EXPECT_EQ(v.decision, FilterAction::censor);
  ASSERT_TRUE(v.censored_text);
  EXPECT_EQ(*v.censored_text,
            "you are a \u2022\u2022\u2022\u2022\u2022\u2022\u2022 \u2022\u2022\u2022\u2022\u2022, ok");
  EXPECT_EQ(v.highlights(), (std::vector<Span>{{0, 3}, {10, 17}, {18, 23}}));
}

TEST(FilterChain, MessagesAreDistinctPerAction) {
  const Verdict v = FilterChain({fixed(FilterAction::block, {}, "one"), fixed(FilterAction::block, {}, "one"),
                                 fixed(FilterAction::block, {}, "two"), fixed(FilterAction::flag, {}, "")})
                        .run({.text = "x"});
  EXPECT_EQ(v.messages(FilterAction::block), (std::vector<std::string>{"one", "two"}));
  EXPECT_TRUE(v.messages(FilterAction::flag).empty());
  EXPECT_EQ(v.with(FilterAction::block).size(), 3u);
}

TEST(FilterChain, MaskingKeepsCharactersWholeAndSpacesInPlace) {
  EXPECT_EQ(mask_spans("a caf\xC3\xA9 b", {{2, 7}}), "a \u2022\u2022\u2022\u2022 b");
  EXPECT_EQ(mask_spans("kill me now", {{0, 7}}), "\u2022\u2022\u2022\u2022 \u2022\u2022 now");
  EXPECT_EQ(mask_spans("abc", {{5, 9}}), "abc");  // out of range: left alone
  EXPECT_EQ(merge_spans({{5, 8}, {0, 2}, {1, 3}, {8, 9}}), (std::vector<Span>{{0, 3}, {5, 9}}));
}

TEST(FilterChain, DetailsAreListedOnce) {
  std::string detail;
  add_detail(detail, "email address");
  add_detail(detail, "address");
  add_detail(detail, "email address");
  EXPECT_EQ(detail, "email address, address");
}

}  // namespace
}  // namespace hearth::safety
