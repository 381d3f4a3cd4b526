#include "domain/conversation.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace hearth {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

PostDraft thread_draft() {
  PostDraft d;
  d.title = "First week after diagnosis";
  d.body = "I don't know where to start.\n\nAny advice?";
  return d;
}

void expect_refused(const PostDraft& draft, bool needs_title, const std::string& field) {
  const auto result = validate_post_draft(draft, needs_title);
  ASSERT_FALSE(result.ok()) << "expected the " << field << " to be refused";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().field, field) << result.error().message;
  EXPECT_FALSE(result.error().message.empty());
}

TEST(ConversationDraft, AThreadNeedsATitleAndABody) {
  const auto result = validate_post_draft(thread_draft(), true);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->title, "First week after diagnosis");
  EXPECT_EQ(result->body, "I don't know where to start.\n\nAny advice?");
  PostDraft d = thread_draft();
  d.title = "";
  expect_refused(d, true, "title");
  d.title = "  \t ";
  expect_refused(d, true, "title");
  d = thread_draft();
  d.body = "";
  expect_refused(d, true, "body");
  d.body = " \n\n \t";
  expect_refused(d, true, "body");
}

TEST(ConversationDraft, TextIsTrimmedAndFlagsKept) {
  PostDraft d = thread_draft();
  d.title = "  Spaced title \t";
  d.body = "\n\n  Body  \n";
  d.content_warning = "  self-harm  ";
  d.anonymous = true;
  const auto result = validate_post_draft(d, true);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->title, "Spaced title");
  EXPECT_EQ(result->body, "Body");
  EXPECT_EQ(result->content_warning, "self-harm");
  EXPECT_TRUE(result->anonymous);
}

TEST(ConversationDraft, TheTitleIsOneLineOfAtMost150Characters) {
  PostDraft d = thread_draft();
  d.title = "Two\nlines";
  expect_refused(d, true, "title");
  d.title = "Carriage\rreturn";
  expect_refused(d, true, "title");
  d.title = "Tab\tinside";
  expect_refused(d, true, "title");
  d.title = "Bell\x07";
  expect_refused(d, true, "title");
  d.title = repeat("t", max_title_length);
  EXPECT_TRUE(validate_post_draft(d, true).ok());
  d.title = repeat("t", max_title_length + 1);
  expect_refused(d, true, "title");
  d.title = repeat("ü", max_title_length);  // characters, not bytes
  EXPECT_TRUE(validate_post_draft(d, true).ok());
}

TEST(ConversationDraft, ARepliesTitleIsDropped) {
  PostDraft d = thread_draft();
  d.title = "Ignored\nwhatever it is";
  const auto result = validate_post_draft(d, false);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->title, "");
  d.title = "";
  EXPECT_TRUE(validate_post_draft(d, false).ok());
}

TEST(ConversationDraft, TheBodyIsAtMost20000CharactersOfText) {
  PostDraft d = thread_draft();
  d.body = repeat("b", max_body_length);
  EXPECT_TRUE(validate_post_draft(d, false).ok());
  d.body = repeat("b", max_body_length + 1);
  expect_refused(d, false, "body");
  d.body = repeat("ö", max_body_length);
  EXPECT_TRUE(validate_post_draft(d, false).ok());
  d.body = "Line one\r\nLine two\n\tindented";
  EXPECT_TRUE(validate_post_draft(d, false).ok());
  d.body = std::string("Null ") + '\0' + " byte";
  expect_refused(d, false, "body");
  d.body = "Escape \x1b[31m red";
  expect_refused(d, false, "body");
  d.body = "Broken \xe2\x82";
  expect_refused(d, false, "body");
}

TEST(ConversationDraft, TheContentWarningIsOptionalAndOneShortLine) {
  PostDraft d = thread_draft();
  d.content_warning = "";
  EXPECT_TRUE(validate_post_draft(d, true).ok());
  d.content_warning = "Mentions self-harm";
  EXPECT_TRUE(validate_post_draft(d, true).ok());
  d.content_warning = repeat("c", max_content_warning_length);
  EXPECT_TRUE(validate_post_draft(d, true).ok());
  d.content_warning = repeat("c", max_content_warning_length + 1);
  expect_refused(d, true, "content_warning");
  d.content_warning = "Two\nlines";
  expect_refused(d, true, "content_warning");
  d.content_warning = "Tab\tinside";
  expect_refused(d, true, "content_warning");
  d.content_warning = "Bell\x07";
  expect_refused(d, true, "content_warning");
  d.content_warning = "Broken \xff";
  ASSERT_FALSE(validate_post_draft(d, true).ok());
}

TEST(ConversationAnonymousLabel, CountsLikeSpreadsheetColumns) {
  EXPECT_EQ(anonymous_label(0), "A");
  EXPECT_EQ(anonymous_label(1), "B");
  EXPECT_EQ(anonymous_label(25), "Z");
  EXPECT_EQ(anonymous_label(26), "AA");
  EXPECT_EQ(anonymous_label(27), "AB");
  EXPECT_EQ(anonymous_label(51), "AZ");
  EXPECT_EQ(anonymous_label(52), "BA");
  EXPECT_EQ(anonymous_label(701), "ZZ");
  EXPECT_EQ(anonymous_label(702), "AAA");
  EXPECT_EQ(anonymous_label(703), "AAB");
}

TEST(ConversationAnonymousLabel, EveryLabelIsDistinctAndUpperCase) {
  std::set<std::string> seen;
  for (int i = 0; i < 20'000; ++i) {
    const std::string label = anonymous_label(i);
    ASSERT_TRUE(seen.insert(label).second) << "label " << label << " repeats at " << i;
    for (const char c : label) ASSERT_TRUE(c >= 'A' && c <= 'Z') << label;
  }
}

TEST(ConversationReactions, NamesLabelsAndParsing) {
  ASSERT_EQ(std::size(all_reactions), 3u);
  EXPECT_EQ(reaction_name(ReactionKind::support), "support");
  EXPECT_EQ(reaction_name(ReactionKind::me_too), "me_too");
  EXPECT_EQ(reaction_name(ReactionKind::helped), "helped");
  EXPECT_EQ(reaction_label(ReactionKind::support), "Sending support");
  EXPECT_EQ(reaction_label(ReactionKind::me_too), "Me too");
  EXPECT_EQ(reaction_label(ReactionKind::helped), "This helped");
  for (const ReactionKind kind : all_reactions) EXPECT_EQ(parse_reaction(reaction_name(kind)), kind);
  for (const char* bad : {"", "like", "Support", "helped ", "me too", "This helped"}) {
    EXPECT_EQ(parse_reaction(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace hearth
