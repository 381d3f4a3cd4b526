#include "domain/context_note.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(ContextNoteTest, AcceptsHttpAndHttpsAddressesWithAHost) {
  EXPECT_TRUE(is_valid_source_url("https://www.nhs.uk/conditions/insomnia/"));
  EXPECT_TRUE(is_valid_source_url("HTTP://example.org:8080/a?b=c#d"));
  EXPECT_FALSE(is_valid_source_url("javascript:alert(1)"));
  EXPECT_FALSE(is_valid_source_url("ftp://example.org/file"));
  EXPECT_FALSE(is_valid_source_url("https://"));
  EXPECT_FALSE(is_valid_source_url("https://localhost/"));
  EXPECT_FALSE(is_valid_source_url("https://www.nhs.uk@evil.example/")) << "a login part hides the real site";
  EXPECT_FALSE(is_valid_source_url("https://exa mple.org/"));
  EXPECT_FALSE(is_valid_source_url("https://example.org/\"onmouseover=x"));
  EXPECT_FALSE(is_valid_source_url("https://example.org:99999/"));
  EXPECT_EQ(source_host("https://WWW.NHS.uk/a"), "www.nhs.uk");
}

TEST(ContextNoteTest, ValidatesBodyAndSources) {
  auto ok = validate_note({"  Melatonin helps some people sleep.\r\nIt cures nothing.  ",
                           {" https://www.nhs.uk/a ", "", "https://www.nhs.uk/a", "https://example.org/b"}});
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(ok->body, "Melatonin helps some people sleep.\nIt cures nothing.");
  EXPECT_EQ(ok->sources, (std::vector<std::string>{"https://www.nhs.uk/a", "https://example.org/b"}))
      << "trimmed, blank and repeated sources dropped";

  EXPECT_EQ(validate_note({"Too short", {"https://example.org/"}}).error().field, "body");
  EXPECT_EQ(validate_note({std::string(1001, 'a'), {"https://example.org/"}}).error().field, "body");
  EXPECT_EQ(validate_note({"Long enough to count.", {}}).error().field, "sources");
  EXPECT_EQ(validate_note({"Long enough to count.", {"nhs.uk"}}).error().field, "sources");
  std::vector<std::string> six;
  for (int i = 0; i < 6; ++i) six.push_back("https://example.org/" + std::to_string(i));
  EXPECT_EQ(validate_note({"Long enough to count.", six}).error().field, "sources");
  six.pop_back();
  EXPECT_TRUE(validate_note({"Long enough to count.", six}).ok()) << "five is the most";
}

TEST(ContextNoteTest, SplitsSourcesByLine) {
  EXPECT_EQ(split_sources("https://a.org/\r\n\n  https://b.org/ \n"),
            (std::vector<std::string>{"https://a.org/", "https://b.org/"}));
  EXPECT_TRUE(split_sources("").empty());
}

}  // namespace
}  // namespace hearth
