#include "domain/group.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace hearth {
namespace {

GroupDraft good_draft() {
  GroupDraft d;
  d.name = "Carers of people with dementia";
  d.description = "A place for the people who care.";
  d.about = "We meet here.\n\nBe kind.";
  d.privacy = "public";
  return d;
}

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

// Expects the draft to be refused, naming `field`; returns the message for further checks.
std::string refused(const GroupDraft& draft, const std::string& field) {
  const auto result = validate_group_draft(draft);
  EXPECT_FALSE(result.ok()) << "expected the " << field << " to be refused";
  if (result.ok()) return "";
  EXPECT_EQ(result.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(result.error().field, field) << result.error().message;
  EXPECT_FALSE(result.error().message.empty());
  return result.error().message;
}

TEST(GroupDraft, AGoodDraftPassesAndGetsEnglishByDefault) {
  const auto result = validate_group_draft(good_draft());
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->name, "Carers of people with dementia");
  EXPECT_EQ(result->languages, std::vector<std::string>{"en"});
  EXPECT_TRUE(result->topics.empty());
  EXPECT_TRUE(result->region.empty());
}

TEST(GroupDraft, TextIsTrimmedAndListsLoseTheirEmptyEntries) {
  GroupDraft d = good_draft();
  d.name = "   New parents  ";
  d.description = "\t Sleepless together \n";
  d.about = "\n  About us  \n";
  d.topics = {"  Sleep ", "", "   ", "FEEDING"};
  d.rules = {" Be kind ", "", "  ", "No selling"};
  d.questions = {"", " Why do you want to join? "};
  const auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->name, "New parents");
  EXPECT_EQ(result->description, "Sleepless together");
  EXPECT_EQ(result->about, "About us");
  EXPECT_EQ(result->topics, (std::vector<std::string>{"sleep", "feeding"}));
  EXPECT_EQ(result->rules, (std::vector<std::string>{"Be kind", "No selling"}));
  EXPECT_EQ(result->questions, std::vector<std::string>{"Why do you want to join?"});
}

TEST(GroupDraft, AboutMaySpanLines) {
  GroupDraft d = good_draft();
  d.about = "# Welcome\n\n- one\n- two\r\n";
  const auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->about, "# Welcome\n\n- one\n- two");
}

TEST(GroupDraft, NameIsRequiredAndBetweenThreeAndEightyCharacters) {
  GroupDraft d = good_draft();
  d.name = "";
  refused(d, "name");
  d.name = "     ";
  refused(d, "name");
  d.name = "ab";
  refused(d, "name");
  d.name = "abc";
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.name = repeat("a", max_group_name_length);
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.name = repeat("a", max_group_name_length + 1);
  EXPECT_NE(refused(d, "name").find("80"), std::string::npos);
  // Counted in characters, not bytes.
  d.name = "abc" + repeat("é", max_group_name_length - 3);
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.name = "abc" + repeat("é", max_group_name_length - 2);
  refused(d, "name");
}

TEST(GroupDraft, NameNeedsThreeLettersOrDigitsForItsAddress) {
  GroupDraft d = good_draft();
  d.name = "!!! ???";
  refused(d, "name");
  d.name = "家族の会";  // no a–z or 0–9 at all: the address would be empty
  refused(d, "name");
  d.name = "a — b";
  refused(d, "name");
  d.name = "T1D";
  EXPECT_TRUE(validate_group_draft(d).ok());
}

TEST(GroupDraft, NameRefusesControlCharactersAndBrokenText) {
  GroupDraft d = good_draft();
  d.name = "Bad\x01name";
  refused(d, "name");
  d.name = "Bad \xff\xfe name";
  refused(d, "name");
  d.name = "Two\nlines";
  refused(d, "name");
  d.name = "Carriage\rreturn";
  refused(d, "name");
  d.name = "Tab\tinside";
  refused(d, "name");
}

TEST(GroupDraft, DescriptionIsRequiredOneLineAndAtMost200Characters) {
  GroupDraft d = good_draft();
  d.description = "  ";
  refused(d, "description");
  d.description = repeat("x", max_group_description_length);
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.description = repeat("x", max_group_description_length + 1);
  refused(d, "description");
  d.description = "bell\x07";
  refused(d, "description");
  d.description = "Shown in the directory\non one line";
  refused(d, "description");
}

TEST(GroupDraft, AboutIsOptionalAndAtMostTenThousandCharacters) {
  GroupDraft d = good_draft();
  d.about = "";
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.about = repeat("y", max_group_about_length);
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.about = repeat("y", max_group_about_length + 1);
  refused(d, "about");
  d.about = "\xc3";
  refused(d, "about");
}

TEST(GroupDraft, PrivacyMustBeOneOfTheThreeLevels) {
  GroupDraft d = good_draft();
  for (const char* good : {"public", "private", "hidden"}) {
    d.privacy = good;
    const auto result = validate_group_draft(d);
    ASSERT_TRUE(result.ok()) << good;
    EXPECT_EQ(result->privacy, good);
  }
  for (const char* bad : {"", "Public", "PRIVATE", "secret", "public ", "unlisted"}) {
    d.privacy = bad;
    refused(d, "privacy");
  }
}

TEST(GroupDraft, RegionIsACountryCodeInUpperCase) {
  GroupDraft d = good_draft();
  d.region = "gb";
  auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->region, "GB");
  d.region = "Nz";
  result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->region, "NZ");
  d.region = " au ";
  result = validate_group_draft(d);
  ASSERT_TRUE(result.ok()) << "region should be trimmed like every other field";
  EXPECT_EQ(result->region, "AU");
  for (const char* bad : {"XX", "GBR", "United Kingdom", "g", "1"}) {
    d.region = bad;
    refused(d, "region");
  }
}

TEST(GroupDraft, LanguagesAreKnownCodesLowerCasedSortedAndUnique) {
  GroupDraft d = good_draft();
  d.languages = {"FR", " en ", "mi", "en", "asf"};
  const auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->languages, (std::vector<std::string>{"asf", "en", "fr", "mi"}));
  for (const char* bad : {"xx", "en-AU", "english", ""}) {
    d.languages = {"en", bad};
    refused(d, "languages");
  }
}

TEST(GroupDraft, ATopicGivenTwiceIsKeptOnceInItsFirstPlace) {
  GroupDraft d = good_draft();
  d.topics = {"Sleep", "feeding", " sleep ", "FEEDING", "night"};
  const auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->topics, (std::vector<std::string>{"sleep", "feeding", "night"}));
  // Repeats don't count towards the limit either.
  d.topics = std::vector<std::string>(max_topics + 3, "topic");
  ASSERT_TRUE(validate_group_draft(d).ok());
}

TEST(GroupDraft, TopicsAreLowerCaseAtMostEightOfThirtyCharactersWithoutCommas) {
  GroupDraft d = good_draft();
  const auto distinct = [](std::size_t n) {
    std::vector<std::string> topics;
    for (std::size_t i = 0; i < n; ++i) topics.push_back("topic " + std::to_string(i));
    return topics;
  };
  d.topics = distinct(max_topics);
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.topics = distinct(max_topics + 1);
  refused(d, "topics");
  // Empty entries don't count towards the limit.
  d.topics = distinct(max_topics);
  d.topics.push_back("   ");
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.topics = {repeat("t", max_topic_length)};
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.topics = {repeat("t", max_topic_length + 1)};
  refused(d, "topics");
  d.topics = {"grief, loss"};
  refused(d, "topics");
  d.topics = {"grief\nloss"};
  refused(d, "topics");
  d.topics = {"Type 1 Diabetes"};
  const auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->topics, std::vector<std::string>{"type 1 diabetes"});
}

TEST(GroupDraft, RulesAtMostTwentyOfFiveHundredCharacters) {
  GroupDraft d = good_draft();
  d.rules = std::vector<std::string>(max_rules, "Be kind");
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.rules = std::vector<std::string>(max_rules + 1, "Be kind");
  refused(d, "rules");
  d.rules = {repeat("r", max_rule_length)};
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.rules = {repeat("r", max_rule_length + 1)};
  refused(d, "rules");
  d.rules = {"ok", "bad\x02"};
  refused(d, "rules");
}

TEST(GroupDraft, QuestionsAtMostFiveOfThreeHundredCharacters) {
  GroupDraft d = good_draft();
  d.questions = std::vector<std::string>(max_questions, "Why?");
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.questions = std::vector<std::string>(max_questions + 1, "Why?");
  EXPECT_NE(refused(d, "questions").find("5"), std::string::npos);
  d.questions = {repeat("q", max_question_length)};
  EXPECT_TRUE(validate_group_draft(d).ok());
  d.questions = {repeat("q", max_question_length + 1)};
  refused(d, "questions");
}

TEST(GroupDraft, OnlyPublicGroupsCanBeIndexedBySearchEngines) {
  GroupDraft d = good_draft();
  d.search_indexable = true;
  d.anonymous_posting = true;
  d.privacy = "public";
  auto result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->search_indexable);
  EXPECT_TRUE(result->anonymous_posting);
  for (const char* privacy : {"private", "hidden"}) {
    d.privacy = privacy;
    result = validate_group_draft(d);
    ASSERT_TRUE(result.ok());
    EXPECT_FALSE(result->search_indexable) << privacy;
    EXPECT_TRUE(result->anonymous_posting) << privacy;
  }
  d.privacy = "public";
  d.search_indexable = false;
  result = validate_group_draft(d);
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->search_indexable) << "noindex unless the admins opt in";
}

TEST(GroupPrivacy, NamesRoundTripAndExplanationsAreInPlainWords) {
  for (const Privacy p : {Privacy::public_group, Privacy::private_group, Privacy::hidden_group}) {
    EXPECT_EQ(parse_privacy(privacy_name(p)), p);
    EXPECT_FALSE(privacy_explained(p).empty());
  }
  EXPECT_EQ(privacy_name(Privacy::public_group), "public");
  EXPECT_EQ(privacy_name(Privacy::private_group), "private");
  EXPECT_EQ(privacy_name(Privacy::hidden_group), "hidden");
  EXPECT_EQ(parse_privacy("Hidden"), std::nullopt);
  EXPECT_NE(privacy_explained(Privacy::public_group).find("Anyone can read"), std::string_view::npos);
  EXPECT_NE(privacy_explained(Privacy::private_group).find("Only members can read posts"), std::string_view::npos);
  EXPECT_NE(privacy_explained(Privacy::hidden_group).find("invitation"), std::string_view::npos);
}

TEST(GroupSlug, FromNames) {
  EXPECT_EQ(slug_from_name("Carers of people with dementia"), "carers-of-people-with-dementia");
  EXPECT_EQ(slug_from_name("Type 1 Diabetes"), "type-1-diabetes");
  EXPECT_EQ(slug_from_name("  OCD & Anxiety — Support!! "), "ocd-anxiety-support");
  EXPECT_EQ(slug_from_name("Early-career teachers"), "early-career-teachers");
  EXPECT_EQ(slug_from_name("---New   parents---"), "new-parents");
  EXPECT_EQ(slug_from_name("ABC"), "abc");
  EXPECT_EQ(slug_from_name("2024"), "2024");
  EXPECT_EQ(slug_from_name(""), "");
  EXPECT_EQ(slug_from_name("!!!"), "");
}

TEST(GroupSlug, NonAsciiLettersBecomeSingleDashes) {
  EXPECT_EQ(slug_from_name("Café Crème"), "caf-cr-me");
  EXPECT_EQ(slug_from_name("Whānau Māori"), "wh-nau-m-ori");
  EXPECT_EQ(slug_from_name("家族の会"), "");
  EXPECT_EQ(slug_from_name("家族 carers"), "carers");
}

TEST(GroupSlug, AtMostSixtyCharactersAndNeverEndsWithADash) {
  EXPECT_EQ(slug_from_name(repeat("a", 100)), repeat("a", 60));
  // The 60th character would be a dash: it is dropped, not kept.
  EXPECT_EQ(slug_from_name(repeat("a", 59) + " bbbb"), repeat("a", 59));
  for (std::size_t n = 40; n < 90; ++n) {
    const std::string slug = slug_from_name(repeat("ab ", n));
    EXPECT_LE(slug.size(), 60u);
    EXPECT_NE(slug.back(), '-');
    EXPECT_EQ(slug.find("--"), std::string::npos);
  }
}

TEST(GroupSlug, OnlyLowerCaseLettersDigitsAndDashes) {
  const std::string slug = slug_from_name("Hello, World! <script>alert(1)</script> ../../etc/passwd %00 ñ");
  for (const char c : slug) {
    EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << slug;
  }
  EXPECT_EQ(slug, "hello-world-script-alert-1-script-etc-passwd-00");
}

TEST(GroupLists, SplitDropsEmptyEntriesAndTrims) {
  EXPECT_EQ(split_list("a, b ,c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_list(""), std::vector<std::string>{});
  EXPECT_EQ(split_list(",,,"), std::vector<std::string>{});
  EXPECT_EQ(split_list(" , x , "), std::vector<std::string>{"x"});
  EXPECT_EQ(split_list("one"), std::vector<std::string>{"one"});
  EXPECT_EQ(split_list("a;b; c", ';'), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_list("a,b", ';'), std::vector<std::string>{"a,b"});
  EXPECT_EQ(split_list("new parents, sleep"), (std::vector<std::string>{"new parents", "sleep"}));
}

TEST(GroupLists, JoinAndRoundTrip) {
  EXPECT_EQ(join_list({}), "");
  EXPECT_EQ(join_list({"a"}), "a");
  EXPECT_EQ(join_list({"a", "b", "c"}), "a,b,c");
  EXPECT_EQ(join_list({"a", "b"}, ", "), "a, b");
  const std::vector<std::string> topics = {"grief", "type 1 diabetes", "sleep"};
  EXPECT_EQ(split_list(join_list(topics)), topics);
}

}  // namespace
}  // namespace hearth
