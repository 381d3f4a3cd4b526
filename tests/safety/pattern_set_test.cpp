#include "safety/pattern_set.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace hearth::safety {
namespace {

std::shared_ptr<const PatternSet> compiled(std::vector<PatternSpec> specs) {
  auto set = PatternSet::compile(specs);
  if (!set) ADD_FAILURE() << set.error().message;
  return set ? set.value() : nullptr;
}

// The original text of each match, in order.
std::vector<std::string> found(const PatternSet& set, std::string_view text) {
  std::vector<std::string> out;
  for (const PatternMatch& m : set.scan(normalize(text))) {
    out.emplace_back(text.substr(m.original.begin, m.original.end - m.original.begin));
  }
  return out;
}

bool hits(std::string_view phrase, std::string_view text, PhraseSyntax syntax = PhraseSyntax::words) {
  auto set = compiled({{1, std::string(phrase), syntax}});
  return set && set->matches(normalize(text));
}

TEST(PatternSet, MatchesWholeWordsOnly) {
  EXPECT_TRUE(hits("kill", "I could kill"));
  EXPECT_FALSE(hits("kill", "what a skill"));
  EXPECT_FALSE(hits("kill", "a killer app"));
  EXPECT_TRUE(hits("kill*", "a killer app"));
  EXPECT_FALSE(hits("kill*", "what a skill"));
}

TEST(PatternSet, ObfuscationsStillMatch) {
  for (const char* text : {"KILL", "K I L L", "k.i.l.l", "k-i-l-l", "ｋｉｌｌ", "kiiiiill", "killllll", "k1ll", "ki11",
                           "k!ll", "\u043Aill", "k\u200Bill", "𝐤𝐢𝐥𝐥", "Ⓚⓘⓛⓛ"}) {
    EXPECT_TRUE(hits("kill", text)) << text;
  }
  EXPECT_TRUE(hits("stupid", "stup1d"));
  EXPECT_TRUE(hits("stupid", "$tuuupid"));
  EXPECT_TRUE(hits("idiot", "1d10t"));
}

TEST(PatternSet, LookalikeDigitsDoNotMergeRealLetters) {
  EXPECT_FALSE(hits("fall", "fail"));
  EXPECT_FALSE(hits("fail", "fall"));
  EXPECT_TRUE(hits("fall", "fa11"));
  EXPECT_TRUE(hits("fail", "fa1l"));
}

TEST(PatternSet, DoubleLettersAreKeptApartUnlessAWordIsStretched) {
  EXPECT_FALSE(hits("god", "a good day"));
  EXPECT_FALSE(hits("good", "oh god"));
  EXPECT_TRUE(hits("good", "so goooood"));
  EXPECT_TRUE(hits("god", "oh gooood"));  // stretched: both readings are fair
}

TEST(PatternSet, LongEntriesMatchLikeShortOnes) {
  // Up to four words an entry becomes plain literals; longer ones one expression.
  EXPECT_TRUE(hits("one two three four five", "ONE two thr33 fooour five!"));
  EXPECT_FALSE(hits("one two three four five", "one two three four"));
  EXPECT_TRUE(hits("one two three four five*", "one two three four fives"));
  auto set = compiled({{4, "weight loss*", PhraseSyntax::words}});
  ASSERT_TRUE(set);
  EXPECT_EQ(found(*set, "Weight LOSSES are"), std::vector<std::string>{"Weight LOSSES"});
}

TEST(PatternSet, PhrasesMatchWithinOneSentence) {
  EXPECT_TRUE(hits("want to die", "I just want to die"));
  EXPECT_FALSE(hits("want to die", "I want to. Die hard is a film"));
  EXPECT_TRUE(hits("want to die", "I want to... die"));
  EXPECT_TRUE(hits("dont", "don't"));
}

TEST(PatternSet, CuratedSyntax) {
  const auto curated = PhraseSyntax::curated;
  EXPECT_TRUE(hits("i (want|need) to die", "i need to die", curated));
  EXPECT_FALSE(hits("i (want|need) to die", "i have to die", curated));
  EXPECT_TRUE(hits("i [really] want to die", "I really want to die", curated));
  EXPECT_TRUE(hits("i [really] want to die", "I want to die", curated));
  EXPECT_TRUE(hits("i (really|) want to die", "I want to die", curated));
  EXPECT_TRUE(hits("i ... die", "i think i will die", curated));
  EXPECT_FALSE(hits("i ... die", "i think that maybe we will die", curated));  // more than three words between
  EXPECT_FALSE(hits("i ... die", "i think. die", curated));
  EXPECT_TRUE(hits("^ shut up", "Shut up!", curated));
  EXPECT_TRUE(hits("^ shut up", "Fine. Shut up", curated));
  EXPECT_FALSE(hits("^ shut up", "my brain won't shut up", curated));
}

TEST(PatternSet, SpansAreInTheOriginalText) {
  auto set = compiled({{7, "want to die", PhraseSyntax::words}, {8, "kill", PhraseSyntax::words}});
  ASSERT_TRUE(set);
  EXPECT_EQ(found(*set, "Honestly I W@NT  to   d i e and K.I.L.L"),
            (std::vector<std::string>{"W@NT  to   d i e", "K.I.L.L"}));
  const std::vector<PatternMatch> matches = set->scan(normalize("kill it, kill it"));
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0].id, 8u);
  EXPECT_EQ(matches[0].original, (Span{0, 4}));
  EXPECT_EQ(matches[1].original, (Span{9, 13}));
}

TEST(PatternSet, EntriesThatCannotBeUsedAreErrors) {
  auto bad_curated = PatternSet::compile({{1, "(want to die", PhraseSyntax::curated}});
  ASSERT_FALSE(bad_curated);
  EXPECT_NE(bad_curated.error().message.find("\"(want to die\""), std::string::npos);
  EXPECT_FALSE(PatternSet::compile({{1, " *** ", PhraseSyntax::words}}));
  EXPECT_FALSE(PatternSet::compile({{1, std::string(101, 'a'), PhraseSyntax::words}}));
  EXPECT_FALSE(PatternSet::compile({{1, "[maybe]", PhraseSyntax::curated}}));  // nothing required

  std::vector<uint32_t> skipped;
  auto usable = PatternSet::compile_usable(
      {{1, "kill", PhraseSyntax::words}, {2, "...", PhraseSyntax::words}, {3, "(oops", PhraseSyntax::curated}},
      &skipped);
  EXPECT_EQ(usable->size(), 1u);
  EXPECT_EQ(skipped, (std::vector<uint32_t>{2, 3}));
  EXPECT_TRUE(usable->matches(normalize("kill")));
}

TEST(PatternSet, EmptySetMatchesNothing) {
  auto set = compiled({});
  ASSERT_TRUE(set);
  EXPECT_TRUE(set->scan(normalize("anything at all")).empty());
  EXPECT_FALSE(set->matches(normalize("anything at all")));
}

TEST(PatternSet, ScansFromManyThreadsAtOnce) {
  auto set = compiled(
      {{1, "kill", PhraseSyntax::words}, {2, "want to die", PhraseSyntax::words}, {3, "idiot*", PhraseSyntax::words}});
  ASSERT_TRUE(set);
  const NormalizedText text = normalize("you idiots. I want to die. k i l l");
  const std::size_t expected = set->scan(text).size();
  ASSERT_EQ(expected, 3u);
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 500; ++i) {
        if (set->scan(text).size() != expected) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

}  // namespace
}  // namespace hearth::safety
