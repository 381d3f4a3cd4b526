#include "safety/curated_patterns.hpp"

#include <gtest/gtest.h>

#include "safety/embedded_data.hpp"

namespace hearth::safety {
namespace {

TEST(CuratedPatterns, ReadsSectionsShorthandsAndExceptions) {
  const auto entries = parse_curated_list(
      "# a comment\n"
      "$me = (me|myself)\n"
      "[first]\n"
      "  hurt $me  \n"
      "\n"
      "except: hurt $me (playing|by accident)\n"
      "[second]\n"
      "go away\n",
      "test.txt");
  ASSERT_TRUE(entries) << entries.error().message;
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].section, "first");
  EXPECT_EQ((*entries)[0].phrase, "hurt (me|myself)");
  EXPECT_EQ((*entries)[0].line, 4);
  EXPECT_TRUE((*entries)[1].exception);
  EXPECT_EQ((*entries)[1].phrase, "hurt (me|myself) (playing|by accident)");
  EXPECT_EQ((*entries)[2].section, "second");
}

TEST(CuratedPatterns, ErrorsNameTheFileAndLine) {
  auto unknown = parse_curated_list("[a]\nhurt $nobody\n", "x.txt");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().message, "x.txt:2: unknown shorthand");
  auto broken = parse_curated_list("[a]\n\n(unclosed\n", "y.txt");
  ASSERT_FALSE(broken);
  EXPECT_TRUE(broken.error().message.starts_with("y.txt:3: ")) << broken.error().message;
  auto no_section = parse_curated_list("hello\n", "z.txt");
  ASSERT_FALSE(no_section);
  EXPECT_EQ(no_section.error().message, "z.txt:1: a phrase before any [section]");
}

TEST(CuratedPatterns, AnExceptionCancelsTheMatchesItOverlaps) {
  auto entries = parse_curated_list("[a]\nhurt myself\nexcept: hurt myself playing\n", "t.txt");
  ASSERT_TRUE(entries);
  auto patterns = CuratedPatterns::from_entries(std::move(entries.value()));
  ASSERT_TRUE(patterns);
  EXPECT_TRUE(patterns->find(normalize("I hurt myself playing football")).empty());
  const auto found = patterns->find(normalize("I hurt myself playing. Then I hurt myself again."));
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].original, (Span{30, 41}));
  EXPECT_EQ(found[0].entry->section, "a");
}

TEST(CuratedPatterns, EveryEmbeddedListCompiles) {
  std::size_t files = 0;
  for (const EmbeddedFile& file : embedded_data_files()) {
    if (!file.path.starts_with("crisis/") && !file.path.starts_with("kindness/")) continue;
    ++files;
    auto entries = parse_curated_list(file.text, file.path);
    ASSERT_TRUE(entries) << entries.error().message;
    EXPECT_FALSE(entries->empty()) << file.path;
    auto patterns = CuratedPatterns::from_entries(std::move(entries.value()));
    EXPECT_TRUE(patterns) << file.path << ": " << (patterns ? "" : patterns.error().message);
  }
  EXPECT_GE(files, 2u);
  EXPECT_NO_THROW(CuratedPatterns::load("crisis/"));
}

}  // namespace
}  // namespace hearth::safety
