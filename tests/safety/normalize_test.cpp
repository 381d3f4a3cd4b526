#include "safety/normalize.hpp"

#include <gtest/gtest.h>

namespace hearth::safety {
namespace {

std::string norm(std::string_view text) {
  return normalize(text).text();
}

// The original bytes behind the first occurrence of `word` in the normalised text.
std::string original_of(std::string_view text, std::string_view word) {
  const NormalizedText n = normalize(text);
  const std::size_t at = n.text().find(" " + std::string(word) + " ");
  if (at == std::string::npos) return "<not found in " + n.text() + ">";
  const Span span = n.original(at, at + word.size() + 2);
  return std::string(text.substr(span.begin, span.end - span.begin));
}

TEST(Normalize, WordsAreFoldedAndSeparatedBySingleSpaces) {
  EXPECT_EQ(norm("Hello,   World!"), " hello world ");
  EXPECT_EQ(norm(""), " ");
  EXPECT_EQ(norm("  \n\t "), " ");
  EXPECT_EQ(norm("Café NAÏVE façade Straße Œuvre"), " cafe naive facade strasse oeuvre ");
}

TEST(Normalize, CompatibilityFormsBecomePlainLetters) {
  EXPECT_EQ(norm("ｋｉｌｌ"), " kill ");                  // full-width
  EXPECT_EQ(norm("𝐤𝐢𝐥𝐥 𝓀𝒾𝓁𝓁 𝕜𝕚𝕝𝕝"), " kill kill kill ");  // mathematical bold, script, double-struck
  EXPECT_EQ(norm("Ⓚⓘⓛⓛ 🅺🅸🅻🅻"), " kill kill ");            // enclosed
  EXPECT_EQ(norm("ﬁne ﬂow"), " fine flow ");              // ligatures
  EXPECT_EQ(norm("ᴋɪʟʟ"), " kill ");                      // small capitals
  EXPECT_EQ(norm("cafe\xCC\x81"), " cafe ");              // e + combining acute
}

TEST(Normalize, InvisibleCharactersVanish) {
  EXPECT_EQ(norm("k\u200Bi\u00ADl\u200Dl"), " kill ");
  EXPECT_EQ(norm("\uFEFFkill\u2060"), " kill ");
}

TEST(Normalize, LookalikesInsideLatinWordsBecomeLatin) {
  EXPECT_EQ(norm("\u043Aill"), " kill ");              // Cyrillic ka
  EXPECT_EQ(norm("\u0456d\u0456\u043Et"), " idiot ");  // Cyrillic i and o
  EXPECT_EQ(norm("\u0443es"), " yes ");                // Cyrillic u looks like y
  EXPECT_EQ(norm("\u0399DIOT"), " idiot ");            // Greek capital iota
  // A word wholly in Cyrillic or Greek is left in its own script (lower case).
  EXPECT_EQ(norm("Москва ΑΘΗΝΑ"), " москва αθηνα ");
}

TEST(Normalize, LeetInsideWords) {
  EXPECT_EQ(norm("h3ll0 st0pid @ss a$$ 5tupid"), " hello stopid ass ass stupid ");
  // 1 ! | are read as i, and in the alternate text as l.
  EXPECT_EQ(norm("k1ll k!ll k|ll"), " kill kill kill ");
  EXPECT_EQ(normalize("ki11 a!").alternate(), " kill a ");
  EXPECT_EQ(normalize("ki11 a!").text(), " kiii a ");
  EXPECT_EQ(normalize("no digits").alternate(), "");
  // Numbers, ordinals, units and prices stay as they are.
  EXPECT_EQ(norm("call 999 on the 3rd at 10am, 5kg, $5"), " call 999 on the 3rd at 10am 5kg 5 ");
  EXPECT_EQ(norm("wow! ok"), " wow . ok ");
}

TEST(Normalize, ApostrophesAreDropped) {
  EXPECT_EQ(norm("Don't I'm you\u2019re"), " dont im youre ");
  EXPECT_EQ(norm("'quoted'"), " quoted ");
}

TEST(Normalize, SpelledOutWordsAreJoined) {
  EXPECT_EQ(norm("K I L L"), " kill ");
  EXPECT_EQ(norm("k.i.l.l"), " kill ");
  EXPECT_EQ(norm("k - i - l - l"), " kill ");
  EXPECT_EQ(norm("k_i_l_l them"), " kill them ");
  // Two single letters are ordinary words.
  EXPECT_EQ(norm("I am a mess"), " i am a mess ");
  EXPECT_EQ(norm("plan a or b"), " plan a or b ");
  EXPECT_EQ(norm("u r a star"), " u r a star ");
  // A single-letter word just before a spelled-out one is joined to it: a known limit.
  EXPECT_EQ(norm("I w a n t"), " iwant ");
}

TEST(Normalize, StretchedWordsAreCollapsedAndMarked) {
  EXPECT_EQ(norm("stuuuupid"), " \x01stupid ");
  EXPECT_EQ(norm("kiiiilll"), " \x01kil ");
  // Ordinary double letters stay.
  EXPECT_EQ(norm("good kill 1000"), " good kill 1000 ");
}

TEST(Normalize, SentencesEndWithAMark) {
  EXPECT_EQ(norm("I want to. Die?"), " i want to . die ");
  EXPECT_EQ(norm("I just... want to die"), " i just want to die ");
  EXPECT_EQ(norm("I want to\u2026 die"), " i want to die ");
}

TEST(Normalize, IdeographsAreWordsOfTheirOwn) {
  EXPECT_EQ(norm("我想死了"), " 我 想 死 了 ");
}

TEST(Normalize, BrokenUtf8IsASeparator) {
  EXPECT_EQ(norm("\xff\xfekill\xc3"), " kill ");
  EXPECT_EQ(norm(std::string_view("a\0b", 3)), " a b ");
}

TEST(Normalize, OffsetsLeadBackToTheOriginalText) {
  EXPECT_EQ(original_of("Hey K.I.L.L you", "kill"), "K.I.L.L");
  EXPECT_EQ(original_of("so stuuuupid!", "\x01stupid"), "stuuuupid");
  EXPECT_EQ(original_of("a ｋｉｌｌ b", "kill"), "ｋｉｌｌ");
  EXPECT_EQ(original_of("un café\xCC\x81 noir", "cafe"), "café\xCC\x81");
  EXPECT_EQ(original_of("Don't go", "dont"), "Don't");
  EXPECT_EQ(original_of("x k\u200Bill y", "kill"), "k\u200Bill");
}

TEST(Normalize, OriginalOfASpanOfSeveralWords) {
  const std::string text = "Well. I w@nt  to   DIE, honestly";
  const NormalizedText n = normalize(text);
  const std::size_t at = n.text().find(" i want to die ");
  ASSERT_NE(at, std::string::npos) << n.text();
  const Span span = n.original(at, at + std::string(" i want to die ").size());
  EXPECT_EQ(text.substr(span.begin, span.end - span.begin), "I w@nt  to   DIE");
}

TEST(Normalize, ListWordsAndCollapsedForms) {
  EXPECT_EQ(normalized_words("Don't  K1LL. me"), (std::vector<std::string>{"dont", "kill", "me"}));
  EXPECT_EQ(collapse_repeats("kill"), "kil");
  EXPECT_EQ(collapse_repeats("москва"), "москва");
  EXPECT_EQ(collapse_repeats("aabbaa"), "aba");
}

}  // namespace
}  // namespace hearth::safety
