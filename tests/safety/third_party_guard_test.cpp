#include "safety/third_party_guard.hpp"

#include <gtest/gtest.h>

#include "safety/corpus.hpp"
#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {

const ThirdPartyGuard& guard() {
  static const ThirdPartyGuard g;
  return g;
}

std::vector<std::string> names(std::string_view text, std::vector<std::string> author = {},
                               std::vector<std::string> known = {}) {
  FilterInput input{.text = text, .author_names = std::move(author), .known_names = std::move(known)};
  std::vector<std::string> out;
  for (const PersonalDetail& d : guard().find_full_names(input)) {
    out.emplace_back(text.substr(d.span.begin, d.span.end - d.span.begin));
  }
  return out;
}

using Found = std::vector<std::string>;

TEST(ThirdPartyGuard, FullNames) {
  EXPECT_EQ(names("I told Sarah Jones about it"), Found{"Sarah Jones"});
  EXPECT_EQ(names("Mary Ann O'Brien-Smith was there"), Found{"Mary Ann O'Brien-Smith"});
  EXPECT_EQ(names("Dr Patel said it would pass, and Mrs. Green agreed"), (Found{"Dr Patel", "Mrs. Green"}));
  EXPECT_EQ(names("My son Tom is doing better"), Found{});       // a first name alone
  EXPECT_EQ(names("Sarah said it would pass"), Found{});         // lower-case next word
  EXPECT_EQ(names("Talking To Emma About Christmas"), Found{});  // title case with common words
  EXPECT_EQ(names("Quiet Heron, thank you"), Found{});           // a pseudonym: not a given name
  EXPECT_EQ(names("Mark my words"), Found{});
}

TEST(ThirdPartyGuard, TheAuthorsOwnNamesAndKnownPseudonymsAreNotSomeoneElse) {
  EXPECT_EQ(names("Sarah Jones here, hello all", {"Sarah Jones"}), Found{});
  EXPECT_EQ(names("thanks Emily Rose!", {}, {"Emily Rose 27"}), Found{});
  EXPECT_EQ(names("thanks Emily Rose!", {}, {"Quiet Heron"}), Found{"Emily Rose"});
}

const std::vector<testing::Labelled> corpus = {
    {"My sister's number is 07700 900123, please don't share it", true},
    {"Her NHS number is 943 476 5919 if anyone from the trust reads this", true},
    {"My neighbour John Carter keeps shouting at my mum", true},
    {"He lives at 14 Willow Crescent and the police won't help", true},
    {"You can email my husband at dave.m@example.com", true},
    {"Our daughter was born on 4 May 2019 and has been in hospital since", true},
    {"The nurse, Dr Okafor, was dismissive", true},
    {"I have had a rough week, but the group helps", false},
    {"My son is 14 and started at a new school", false},
    {"We moved house in 2021 and again in 2023", false},
    {"I take 20mg twice a day", false},
    {"Happy Christmas Everyone!", false},
    {"Thank you Quiet Heron, your post helped", false},
    {"Call 999 if you are in danger", false},
    {"It was 3 Mile Island all over again", false},
    {"Does anyone know a good therapist in Leeds?", false},
};

TEST(ThirdPartyGuard, LabelledCorpus) {
  const testing::Score s = testing::score("third-party details", corpus, [](const std::string& text) {
    return !guard().find({.text = text, .known_names = {"Quiet Heron"}}).empty();
  });
  EXPECT_EQ(s.false_negatives, 0);
  EXPECT_EQ(s.false_positives, 0);
}

TEST(ThirdPartyGuard, AsksTheAuthorOrHoldsInStrictGroups) {
  const FilterChain chain({std::make_shared<ThirdPartyGuard>()});
  const std::string text = "Ring Sarah Jones on 07700 900123";
  Verdict v = chain.run({.text = text, .kind = ContentKind::reply});
  EXPECT_EQ(v.decision, FilterAction::reconsider);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].message, third_party_message);
  EXPECT_EQ(v.findings[0].detail, "full name, phone number");
  EXPECT_EQ(v.findings[0].spans, (std::vector<Span>{{5, 16}, {20, 32}}));

  v = chain.run({.text = text, .kind = ContentKind::post, .strict_third_party = true});
  EXPECT_EQ(v.decision, FilterAction::hold);
  EXPECT_EQ(v.findings[0].message, third_party_held_message);

  v = chain.run({.text = text, .kind = ContentKind::post, .author_confirmed = true});
  EXPECT_EQ(v.decision, FilterAction::allow);  // "post anyway"
}

TEST(ThirdPartyGuard, DirectMessagesAreNotChecked) {
  const Verdict v = FilterChain({std::make_shared<ThirdPartyGuard>()})
                        .run({.text = "my number is 07700 900123", .kind = ContentKind::message});
  EXPECT_TRUE(v.findings.empty());
}

}  // namespace
}  // namespace hearth::safety
