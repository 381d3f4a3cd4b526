#include "safety/crisis_filter.hpp"

#include <gtest/gtest.h>

#include "safety/corpus.hpp"
#include "safety/filter_chain.hpp"

namespace hearth::safety {
namespace {

// Compiled once for the whole file: compiling the lists is the slow part.
std::shared_ptr<const CrisisFilter> shared_filter() {
  static const auto crisis = std::make_shared<const CrisisFilter>();
  return crisis;
}
const CrisisFilter& filter() {
  return *shared_filter();
}

bool fires(const std::string& text) {
  return !filter().find(normalize(text)).empty();
}

// Real risk language (including obfuscated and misspelt forms) must fire; figures of
// speech, grief, recovery and fear of dying must not.
const std::vector<testing::Labelled> corpus = {
    {"I want to die", true},
    {"i just want to die tbh", true},
    {"Honestly I really want to die.", true},
    {"I don't want to be here anymore", true},
    {"I'm going to kill myself tonight", true},
    {"I keep thinking about killing myself", true},
    {"thinking about ending my life", true},
    {"I've been thinking about suicide a lot lately", true},
    {"I feel suicidal again", true},
    {"Suicidal thoughts are back and they're loud", true},
    {"everyone would be better off without me", true},
    {"I can't go on anymore", true},
    {"I can't do this anymore", true},
    {"I wish I was never born", true},
    {"there's no reason to live", true},
    {"life isn't worth living", true},
    {"I'm going to take all my pills tonight", true},
    {"i w@nt t0 d1e", true},
    {"I want to d i e", true},
    {"I want to k.i.l.l myself", true},
    {"I want to kiiiill myself", true},
    {"I wanna unalive myself", true},
    {"I have a plan to end it all", true},
    {"Going to jump off the bridge tonight", true},
    {"Goodbye cruel world", true},
    {"By the time you read this I'll be gone", true},
    {"Nobody would miss me if I was gone", true},
    {"I'm such a burden to everyone", true},
    {"I've started cutting myself again", true},
    {"The urge to cut is so strong tonight", true},
    {"I hurt myself on purpose last night", true},
    {"fresh cuts on my arm and I can't stop", true},
    {"I'm going to kill him when he gets home, I have a knife", true},
    {"I want to hurt my baby", true},
    {"I'm going to bring a knife to school tomorrow", true},
    {"This killed me \xF0\x9F\x98\x82", false},
    {"I could kill for a coffee right now", false},
    {"I nearly died laughing at that", false},
    {"I want to die of embarrassment", false},
    {"this cake is to die for", false},
    {"I don't want to die, I'm scared of the surgery", false},
    {"My brother died by suicide three years ago and I miss him", false},
    {"Support for people bereaved by suicide", false},
    {"I'm not suicidal, just tired", false},
    {"During the panic attack I thought I was going to die", false},
    {"I'm dying to see the new film", false},
    {"I cut myself shaving this morning", false},
    {"We should kill the lights and watch the film", false},
    {"my phone died again", false},
    {"I'm going to kill it at the interview tomorrow", false},
    {"I want to dye my hair purple", false},
    {"I want to die my hair purple", false},
    {"I've been self harm free for two years", false},
    {"She is going to kill me if I'm late", false},
    {"This headache is killing me", false},
    {"I'd rather stay home than go out", false},
    {"I used to want to die, but therapy helped so much", false},
    {"They're killing it with the new album", false},
    {"I'd never kill myself, but some days are hard", false},
    {"I have intrusive thoughts about hurting my baby and they terrify me", false},
    {"I'm ready to go home", false},
};

TEST(CrisisFilter, LabelledCorpus) {
  const testing::Score s = testing::score("crisis language", corpus, fires);
  EXPECT_EQ(s.false_negatives, 0);  // a missed person in crisis is the costly error
  EXPECT_EQ(s.false_positives, 0);
}

TEST(CrisisFilter, FindingPublishesAndNamesWhatWasFound) {
  FilterInput input{.text = "Some days are ok. Today I want to die.", .author_region = "GB"};
  input.group_region = "IE";
  const Verdict v = FilterChain({shared_filter()}).run(input);
  EXPECT_EQ(v.decision, FilterAction::crisis);  // published, not held
  EXPECT_TRUE(v.crisis);
  EXPECT_EQ(v.crisis_regions, (std::vector<std::string>{"GB", "IE"}));
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].message, crisis_message);
  EXPECT_EQ(v.findings[0].detail, "suicide");
  ASSERT_EQ(v.findings[0].spans.size(), 1u);
  const Span s = v.findings[0].spans[0];
  EXPECT_EQ(input.text.substr(s.begin, s.end - s.begin), "I want to die");
}

TEST(CrisisFilter, EveryKindOfContentIsChecked) {
  for (ContentKind kind : {ContentKind::title, ContentKind::post, ContentKind::reply, ContentKind::message}) {
    const Verdict v = FilterChain({shared_filter()}).run({.text = "i want to kill myself", .kind = kind});
    EXPECT_TRUE(v.crisis);
  }
}

TEST(CrisisFilter, SearchQueries) {
  for (const char* query : {"suicide", "how to kill myself", "painless way to die", "self-harm", "overdose",
                            "how many pills to die", "I want to die"}) {
    EXPECT_TRUE(filter().in_search_query(query)) << query;
  }
  for (const char* query : {"sleep tips", "killing it", "carers support", "diet", "died laughing"}) {
    EXPECT_FALSE(filter().in_search_query(query)) << query;
  }
  // The bare words of [search] don't make a post a crisis.
  EXPECT_FALSE(fires("Suicide prevention week starts Monday"));
}

}  // namespace
}  // namespace hearth::safety
