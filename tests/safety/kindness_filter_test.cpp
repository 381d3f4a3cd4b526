#include "safety/kindness_filter.hpp"

#include <gtest/gtest.h>

#include "safety/corpus.hpp"
#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {

// Compiled once for the whole file: compiling the lists is the slow part.
std::shared_ptr<const KindnessFilter> shared_filter() {
  static const auto kindness = std::make_shared<const KindnessFilter>();
  return kindness;
}
const KindnessFilter& filter() {
  return *shared_filter();
}

bool fires(const std::string& text) {
  return !filter().find(normalize(text)).empty();
}

// Hurtful words said to someone fire; people describing themselves, kindness, and
// questions about recovery must not.
const std::vector<testing::Labelled> corpus = {
    {"You're so stupid", true},
    {"you are pathetic", true},
    {"u r a loser", true},
    {"You idiot.", true},
    {"You're a complete and utter idiot", true},
    {"Nobody cares about you", true},
    {"nobody cares what you think", true},
    {"You need to get over it", true},
    {"Shut up.", true},
    {"You're just looking for attention", true},
    {"Man up", true},
    {"It's all in your head", true},
    {"kys", true},
    {"just go die", true},
    {"You deserve to suffer", true},
    {"what's wrong with you?", true},
    {"you're a waste of space", true},
    {"Y0u're s0 stup1d", true},
    {"you are soooo pathetic", true},
    {"Stop being so dramatic", true},
    {"the world would be better off without you", true},
    {"you're faking it", true},
    {"you brought this on yourself", true},
    {"Get over it already", true},
    {"You're not stupid, you're human", false},
    {"I felt so stupid afterwards", false},
    {"Don't let anyone tell you you're worthless", false},
    {"you are so brave", false},
    {"How did you get over it?", false},
    {"It's not your fault", false},
    {"You don't deserve to feel this way", false},
    {"you're not alone", false},
    {"I was such an idiot back then lol", false},
    {"my brain won't shut up at night", false},
    {"enjoy your holiday, you deserve it!", false},
    {"please don't hurt yourself", false},
    {"people like you make this group what it is", false},
    {"You're crazy strong, you know that?", false},
    {"Thank you so much, you are a star", false},
    {"I told him he was pathetic and regretted it", false},
    {"They called me a failure at work", false},
    {"I felt like nobody cares about me", false},
    {"You must be exhausted", false},
    {"you will always be my friend", false},
    {"Are you an idiot? No! You're learning.", false},
};

TEST(KindnessFilter, LabelledCorpus) {
  const testing::Score s = testing::score("hurtful language", corpus, fires);
  EXPECT_EQ(s.false_negatives, 0);
  EXPECT_EQ(s.false_positives, 0);
}

TEST(KindnessFilter, AsksRepliesAndMessagesToRephrase) {
  const FilterChain chain({shared_filter()});
  for (ContentKind kind : {ContentKind::reply, ContentKind::message}) {
    const Verdict v = chain.run({.text = "Honestly? You're pathetic.", .kind = kind});
    EXPECT_EQ(v.decision, FilterAction::reconsider);
    ASSERT_EQ(v.findings.size(), 1u);
    EXPECT_EQ(v.findings[0].message, kindness_message);
    EXPECT_EQ(v.findings[0].detail, "insult");
    ASSERT_EQ(v.findings[0].spans.size(), 1u);
    EXPECT_EQ(v.findings[0].spans[0], (Span{10, 25}));  // "You're pathetic"
  }
}

TEST(KindnessFilter, OpeningPostsAndTitlesAreNotNudged) {
  // Someone starting a thread describes their own life; the nudge is for replies to others.
  const FilterChain chain({shared_filter()});
  EXPECT_EQ(chain.run({.text = "You're pathetic, my inner voice says", .kind = ContentKind::post}).decision,
            FilterAction::allow);
  EXPECT_EQ(chain.run({.text = "You're pathetic", .kind = ContentKind::title}).decision, FilterAction::allow);
}

TEST(KindnessFilter, PostingAnywayIsTheAuthorsChoice) {
  const Verdict v =
      FilterChain({shared_filter()}).run({.text = "shut up", .kind = ContentKind::reply, .author_confirmed = true});
  EXPECT_EQ(v.decision, FilterAction::allow);
  EXPECT_TRUE(v.has(FilterAction::reconsider));  // still reported, for the outcome counts
}

}  // namespace
}  // namespace hearth::safety
