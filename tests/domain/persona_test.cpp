#include "domain/persona.hpp"

#include <gtest/gtest.h>

#include <cctype>
#include <set>
#include <string>
#include <vector>

#include "core/text.hpp"

namespace hearth {
namespace {

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += unit;
  return out;
}

void expect_refused_name(std::string_view name) {
  const Status status = validate_persona_name(name);
  EXPECT_FALSE(status.ok()) << "\"" << name << "\" should be refused";
  if (!status.ok()) {
    EXPECT_EQ(status.error().code, ErrorCode::invalid_input);
    EXPECT_EQ(status.error().field, "persona_name");
  }
}

TEST(PersonaName, FriendlyNamesAreAccepted) {
  for (const char* name : {"Quiet Heron", "Gentle Fern 27", "abc", "Marie-Claire", "O'Neill", "Tūī", "小雨滴",
                           "  Padded Name  ", "Mum of 3 (twins!)"}) {
    EXPECT_TRUE(validate_persona_name(name).ok()) << name;
  }
}

TEST(PersonaName, LengthIsThreeToFortyCharactersNotBytes) {
  expect_refused_name("");
  expect_refused_name("   ");
  expect_refused_name("ab");
  expect_refused_name("  ab  ");  // trimmed before counting
  EXPECT_TRUE(validate_persona_name("abc").ok());
  EXPECT_TRUE(validate_persona_name(repeat("a", max_persona_name_length)).ok());
  expect_refused_name(repeat("a", max_persona_name_length + 1));
  EXPECT_TRUE(validate_persona_name(repeat("é", max_persona_name_length)).ok()) << "80 bytes, 40 characters";
  expect_refused_name(repeat("é", max_persona_name_length + 1));
  EXPECT_TRUE(validate_persona_name("雨雨雨").ok());
}

TEST(PersonaName, MarkupAddressesLineBreaksAndControlCharactersAreRefused) {
  expect_refused_name("<b>Bold</b>");
  expect_refused_name("Heron >");
  expect_refused_name("me@example.org");
  expect_refused_name("@moderator");
  expect_refused_name("Two\nlines");
  expect_refused_name("Tab\there");
  expect_refused_name("Carriage\rreturn");
  expect_refused_name("Bell\x07name");
  expect_refused_name("Del\x7fname");
  expect_refused_name("Broken \xff\xfe text");
  expect_refused_name("\xc3\x28 bad");
}

TEST(PersonaName, NamesThatImpersonateTheSystemAreReserved) {
  for (const char* name : {"Anonymous", "Anonymous B", "Anonymous member", "anonymous a", "ANONYMOUS  ZZ",
                           "  Anonymous B  ", "AnonymousFan", "Former member", "former member", "FORMER   MEMBER",
                           " Former Member ", "Hearth", "Hearth Team", "hearth moderators"}) {
    const Status status = validate_persona_name(name);
    ASSERT_FALSE(status.ok()) << name;
    EXPECT_EQ(status.error().field, "persona_name");
    EXPECT_NE(status.error().message.find("reserved"), std::string::npos) << name;
  }
  // Ordinary names that merely contain those words elsewhere are fine.
  for (const char* name : {"Not Anonymous", "My Hearth", "Member Former", "Heartful"}) {
    EXPECT_TRUE(validate_persona_name(name).ok()) << name;
  }
}

TEST(PersonaKey, CaseAndSpacingDoNotMakeANameDifferent) {
  EXPECT_EQ(persona_key("Quiet Heron"), "quiet heron");
  EXPECT_EQ(persona_key("  QUIET   heron "), "quiet heron");
  EXPECT_EQ(persona_key("quiet heron"), persona_key("Quiet  Heron"));
  EXPECT_NE(persona_key("Quiet Heron"), persona_key("QuietHeron"));
  EXPECT_NE(persona_key("Quiet Heron 2"), persona_key("Quiet Heron"));
  EXPECT_EQ(persona_key("Gentle Fern 27"), "gentle fern 27");
  EXPECT_EQ(persona_key("Tūī"), "tūī");  // non-ASCII letters are kept as typed
  EXPECT_EQ(persona_key(""), "");
}

bool is_capitalised_word(const std::string& word) {
  if (word.empty() || !std::isupper(static_cast<unsigned char>(word[0]))) return false;
  for (std::size_t i = 1; i < word.size(); ++i) {
    if (!std::islower(static_cast<unsigned char>(word[i]))) return false;
  }
  return true;
}

TEST(PersonaPseudonym, AdjectiveNounAndTwoDigits) {
  for (int i = 0; i < 200; ++i) {
    const std::string name = random_pseudonym();
    SCOPED_TRACE(name);
    std::vector<std::string> words;
    std::string word;
    for (const char c : name) {
      if (c == ' ') {
        words.push_back(word);
        word.clear();
      } else {
        word += c;
      }
    }
    words.push_back(word);
    ASSERT_EQ(words.size(), 3u);
    EXPECT_TRUE(is_capitalised_word(words[0]));
    EXPECT_TRUE(is_capitalised_word(words[1]));
    ASSERT_EQ(words[2].size(), 2u);
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(words[2][0])) && words[2][0] != '0');
    EXPECT_TRUE(std::isdigit(static_cast<unsigned char>(words[2][1])));
    EXPECT_TRUE(validate_persona_name(name).ok()) << "a generated pseudonym must pass our own rules";
    EXPECT_EQ(persona_key(name), to_lower_ascii(name));
  }
}

TEST(PersonaPseudonym, VariesAcrossDraws) {
  std::set<std::string> names, adjectives, nouns, numbers;
  for (int i = 0; i < 200; ++i) {
    const std::string name = random_pseudonym();
    names.insert(name);
    const auto first = name.find(' ');
    const auto second = name.find(' ', first + 1);
    adjectives.insert(name.substr(0, first));
    nouns.insert(name.substr(first + 1, second - first - 1));
    numbers.insert(name.substr(second + 1));
  }
  // 32 × 32 × 90 combinations: 200 draws almost never repeat, and every part varies.
  EXPECT_GE(names.size(), 195u);
  EXPECT_GE(adjectives.size(), 20u);
  EXPECT_GE(nouns.size(), 20u);
  EXPECT_GE(numbers.size(), 50u);
}

TEST(PersonaAudience, NamesRoundTripAndLabelsSayWhoSees) {
  for (const Audience a : {Audience::only_me, Audience::members, Audience::everyone}) {
    EXPECT_EQ(parse_audience(audience_name(a)), a);
  }
  EXPECT_EQ(audience_name(Audience::only_me), "only_me");
  EXPECT_EQ(audience_name(Audience::members), "members");
  EXPECT_EQ(audience_name(Audience::everyone), "everyone");
  EXPECT_EQ(audience_label(Audience::only_me), "Only me");
  EXPECT_EQ(audience_label(Audience::members), "This group's members");
  EXPECT_EQ(audience_label(Audience::everyone), "Everyone who can see the group");
  EXPECT_EQ(parse_audience(""), std::nullopt);
  EXPECT_EQ(parse_audience("Everyone"), std::nullopt);
  EXPECT_EQ(parse_audience("public"), std::nullopt);
}

TEST(PersonaProfile, ConnectionsAndAgeRangesComeFromTheList) {
  EXPECT_EQ(connection_label("living_with"), "Living with it");
  EXPECT_EQ(connection_label("caring_for"), "Caring for someone");
  EXPECT_EQ(connection_label("parent"), "Parent");
  EXPECT_EQ(connection_label("professional"), "Professional");
  EXPECT_EQ(connection_label("other"), "Other");
  EXPECT_EQ(connection_label(""), std::nullopt);
  EXPECT_EQ(connection_label("Parent"), std::nullopt);
  EXPECT_TRUE(is_connection_code(""));
  EXPECT_TRUE(is_connection_code("caring_for"));
  EXPECT_FALSE(is_connection_code("friend"));
  for (const char* range : {"", "under 18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"}) {
    EXPECT_TRUE(is_age_range(range)) << range;
  }
  for (const char* range : {"30", "18–24", "65 +", "over 65", "Under 18"}) EXPECT_FALSE(is_age_range(range)) << range;
}

Status profile_with(void (*change)(Persona&)) {
  Persona p;
  p.name = "Quiet Heron";
  change(p);
  return validate_persona_profile(p);
}

void expect_profile_refused(void (*change)(Persona&), const std::string& field) {
  const Status status = profile_with(change);
  ASSERT_FALSE(status.ok()) << field;
  EXPECT_EQ(status.error().code, ErrorCode::invalid_input);
  EXPECT_EQ(status.error().field, field);
}

TEST(PersonaProfile, AnEmptyProfileIsValid) {
  EXPECT_TRUE(profile_with([](Persona&) {}).ok());
}

TEST(PersonaProfile, AFullProfileIsValid) {
  EXPECT_TRUE(profile_with([](Persona& p) {
                p.about = {"I care for my mum.\nShe was diagnosed in 2021.", Audience::members};
                p.connection = {"caring_for", Audience::everyone};
                p.region = {"gb", Audience::members};
                p.age_range = {"45-54", Audience::only_me};
                p.pronouns = {"she/her", Audience::everyone};
              }).ok());
}

TEST(PersonaProfile, EachFieldIsCheckedAndNamed) {
  EXPECT_TRUE(profile_with([](Persona& p) { p.about.value = std::string(max_persona_about_length, 'a'); }).ok());
  expect_profile_refused([](Persona& p) { p.about.value = std::string(max_persona_about_length + 1, 'a'); }, "about");
  expect_profile_refused([](Persona& p) { p.about.value = "bad \xff"; }, "about");
  expect_profile_refused([](Persona& p) { p.connection.value = "friend"; }, "connection");
  expect_profile_refused([](Persona& p) { p.region.value = "XX"; }, "region");
  expect_profile_refused([](Persona& p) { p.region.value = "England"; }, "region");
  expect_profile_refused([](Persona& p) { p.age_range.value = "42"; }, "age_range");
  EXPECT_TRUE(profile_with([](Persona& p) { p.pronouns.value = std::string(max_pronouns_length, 'x'); }).ok());
  expect_profile_refused([](Persona& p) { p.pronouns.value = std::string(max_pronouns_length + 1, 'x'); }, "pronouns");
  expect_profile_refused([](Persona& p) { p.pronouns.value = "they\x01them"; }, "pronouns");
}

}  // namespace
}  // namespace hearth

namespace hearth {

TEST(PersonaNameSpaces, InvisibleAndLookAlikeSpacesAreRefused) {
  EXPECT_FALSE(validate_persona_name("Former\xc2\xa0member").ok());     // no-break space
  EXPECT_FALSE(validate_persona_name("Anonymous\xe2\x80\x8b" "B").ok()); // zero-width space
  EXPECT_FALSE(validate_persona_name("Quiet\xe3\x80\x80Heron").ok());    // ideographic space
  EXPECT_FALSE(validate_persona_name("Quiet\xef\xbb\xbfHeron").ok());    // BOM
  EXPECT_TRUE(validate_persona_name("Quiet Heron").ok());
  EXPECT_TRUE(validate_persona_name("Tūī Kōrero").ok());
}

}  // namespace hearth
