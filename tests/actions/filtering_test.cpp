// The safety filters as the posting actions apply them (actions/filtering.hpp): block,
// reconsider and "post anyway", hold, censor, flag and crisis, edits, the kindness nudge's
// outcome counts, and what stays out of it (repeats, people who may not post there).
#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/filtering.hpp"
#include "actions/posts.hpp"
#include "actions/word_lists.hpp"
#include "safety/list_entry.hpp"
#include "store/filter_flags.hpp"
#include "store/filter_settings.hpp"
#include "store/kindness_outcomes.hpp"
#include "store/watched_words.hpp"

namespace hearth::testing {
namespace {

class FilteringTest : public ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    ann_ = account("ann");
    group_ = group(owner_, "Carers", "public");
    member(ann_, group_, "Quiet Harbour");
    thread_ = start(owner_, group_, "Evenings", "How are evenings?");
  }

  void watch(const std::string& phrase, WatchAction action, const std::string& message = "") {
    auto added = do_add_watched_word(env(), owner_, group_, {phrase, action, message});
    ASSERT_TRUE(added.ok()) << added.error().message;
  }

  Result<PostId> post(const std::string& body, FilterChoice choice = {}, FilterOutcome* outcome = nullptr,
                      const std::string& form_key = key()) {
    return do_reply(env(), ann_, thread_.thread_id, std::nullopt, draft("", body), form_key, choice, outcome);
  }

  std::optional<posts::Post> stored(PostId id) {
    return store().read([&](Connection& c) { return posts::find(c, id); });
  }

  std::vector<filter_flags::Flag> flags(PostId id) {
    return store().read([&](Connection& c) { return filter_flags::open_for(c, group_, id); });
  }

  kindness_outcomes::Totals kindness() {
    return store().read([&](Connection& c) { return kindness_outcomes::since(c, group_, 0); });
  }

  AccountId owner_ = 0, ann_ = 0;
  GroupId group_ = 0;
  NewThread thread_;
};

TEST_F(FilteringTest, BlockRefusesWithTheListsMessageAndMarksTheWords) {
  watch("grapefruit", WatchAction::block, "No fruit talk here, please.");
  FilterOutcome outcome;
  auto refused = post("I had  GRAPEFRUIT today", {}, &outcome);
  expect_error(refused, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "body");
  EXPECT_EQ(refused.error().message, "No fruit talk here, please.");
  ASSERT_TRUE(outcome.prompt);
  ASSERT_EQ(outcome.prompt->body_spans.size(), 1u);
  const auto span = outcome.prompt->body_spans[0];
  EXPECT_EQ(outcome.prompt->body.substr(span.begin, span.end - span.begin), "GRAPEFRUIT");
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE body LIKE '%GRAPEFRUIT%'"), 0);
  // "Post anyway" doesn't pass a block.
  expect_error(post("I had grapefruit", {.post_anyway = true}), ErrorCode::invalid_input);
}

TEST_F(FilteringTest, BlockedTitleNamesTheTitle) {
  watch("grapefruit", WatchAction::block);
  auto refused = do_start_thread(env(), ann_, group_, draft("Grapefruit again", "Hello"), key());
  expect_error(refused, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "title");
}

TEST_F(FilteringTest, ThirdPartyDetailsAskFirstAndPostAnywayPublishesOnce) {
  const std::string text = "Call Sarah Jones on 07700 900123.";
  const std::string form_key = key();
  FilterOutcome outcome;
  auto asked = post(text, {}, &outcome, form_key);
  ASSERT_FALSE(asked.ok());
  EXPECT_TRUE(needs_confirmation(asked.error()));
  ASSERT_TRUE(outcome.prompt);
  EXPECT_TRUE(outcome.prompt->third_party);
  EXPECT_FALSE(outcome.prompt->kindness);
  EXPECT_EQ(outcome.prompt->body_spans.size(), 2u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE body LIKE '%07700%'"), 0);

  auto posted = post(text, {.post_anyway = true}, nullptr, form_key);
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_FALSE(stored(*posted)->held_at);
  // The same form again (a double click, or the prompt answered twice): the same post.
  auto again = post(text, {}, nullptr, form_key);
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*again, *posted);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE body LIKE '%07700%'"), 1);
}

TEST_F(FilteringTest, PseudonymsInTheConversationAreNoOnesDetails) {
  const AccountId bea = account("bea");
  member(bea, group_, "Sarah Jones");
  // Her own pseudonym, then someone answering her by it: neither is asked about.
  EXPECT_NE(reply(bea, thread_.thread_id, std::nullopt, "Sarah Jones here, hello!"), 0);
  EXPECT_NE(reply(ann_, thread_.thread_id, std::nullopt, "Thank you, Sarah Jones."), 0);
  // The same name in a conversation she isn't in is someone's name.
  const auto other = start(owner_, group_, "Mornings", "How are mornings?");
  auto asked = do_reply(env(), ann_, other.thread_id, std::nullopt, draft("", "Thank you, Sarah Jones."), key());
  ASSERT_FALSE(asked.ok());
  EXPECT_TRUE(needs_confirmation(asked.error()));
}

TEST_F(FilteringTest, StrictGroupsHoldPostsWithSomeoneElsesDetails) {
  ASSERT_TRUE(do_set_strict_third_party(env(), owner_, group_, true).ok());
  FilterOutcome outcome;
  auto posted = post("My sister Emma Clarke lives at 12 Elm Road.", {}, &outcome);
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_TRUE(outcome.held);
  const auto held = stored(*posted);
  ASSERT_TRUE(held->held_at);
  EXPECT_EQ(held->held_reason, "third_party");
  const auto found = flags(*posted);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].filter, "third_party");
  // Only the group's admins choose.
  const AccountId mod = account("mod");
  member(mod, group_, "Steady Oak", MembershipStatus::active, Role::moderator);
  expect_error(do_set_strict_third_party(env(), mod, group_, false), ErrorCode::forbidden);
}

TEST_F(FilteringTest, HoldKeepsThePostBackWithTheFiltersReason) {
  watch("lottery", WatchAction::hold);
  FilterOutcome outcome;
  auto posted = post("Try the lottery trick", {}, &outcome);
  ASSERT_TRUE(posted.ok());
  EXPECT_TRUE(outcome.held);
  EXPECT_FALSE(outcome.held_messages.empty());
  const auto held = stored(*posted);
  ASSERT_TRUE(held->held_at);
  EXPECT_EQ(held->held_reason, "filter");
  EXPECT_EQ(count("SELECT post_count FROM threads WHERE id = ?", {thread_.thread_id}), 1);  // not counted yet
  const auto found = flags(*posted);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].action, "hold");
  EXPECT_EQ(found[0].words, "lottery");
}

TEST_F(FilteringTest, CensorStoresTheMaskedText) {
  watch("grapefruit", WatchAction::censor);
  FilterOutcome outcome;
  auto posted = post("Grapefruit and toast", {}, &outcome);
  ASSERT_TRUE(posted.ok());
  EXPECT_TRUE(outcome.censored);
  const auto p = stored(*posted);
  EXPECT_EQ(p->body, "\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022\u2022 and toast");
  EXPECT_EQ(p->body_html.find("rapefruit"), std::string::npos);
  EXPECT_TRUE(flags(*posted).empty());  // nothing for moderators to do
}

TEST_F(FilteringTest, FlagPublishesWithAFlagForModerators) {
  watch("miracle cure", WatchAction::flag);
  auto posted = post("This Miracle  Cure worked for me");
  ASSERT_TRUE(posted.ok());
  EXPECT_FALSE(stored(*posted)->held_at);
  const auto found = flags(*posted);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].filter, "watched_words");
  EXPECT_EQ(found[0].words, "Miracle  Cure");
  EXPECT_NE(found[0].detail.find("miracle cure"), std::string::npos);
  EXPECT_FALSE(found[0].at_risk);
}

TEST_F(FilteringTest, CrisisIsPublishedWithRegionsAndAnAtRiskFlag) {
  store().write([&](Connection& c) { c.run("UPDATE accounts SET region = 'GB' WHERE id = ?", {ann_}); });
  store().write([&](Connection& c) { c.run("UPDATE support_groups SET region = 'AU' WHERE id = ?", {group_}); });
  FilterOutcome outcome;
  auto posted = post("I can't go on. I want to die.", {}, &outcome);
  ASSERT_TRUE(posted.ok()) << posted.error().message;
  EXPECT_FALSE(stored(*posted)->held_at);
  EXPECT_TRUE(outcome.crisis);
  EXPECT_EQ(outcome.crisis_regions, (std::vector<std::string>{"GB", "AU"}));
  const auto found = flags(*posted);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].filter, "crisis");
  EXPECT_TRUE(found[0].at_risk);
  const auto open = store().read([&](Connection& c) { return filter_flags::open_posts(c, group_, 10); });
  ASSERT_FALSE(open.empty());
  EXPECT_EQ(open[0].post_id, *posted);
}

TEST_F(FilteringTest, KindnessNudgeOnRepliesCountsWhatAuthorsDo) {
  const std::string hurtful = "Honestly you are so pathetic.";
  FilterOutcome outcome;
  auto asked = post(hurtful, {}, &outcome);
  ASSERT_FALSE(asked.ok());
  EXPECT_TRUE(needs_confirmation(asked.error()));
  EXPECT_TRUE(outcome.prompt->kindness);
  EXPECT_EQ(kindness().shown, 1);

  ASSERT_TRUE(post("I see it differently.", {.after_nudge = true}).ok());
  EXPECT_EQ(kindness().edited, 1);
  ASSERT_TRUE(post(hurtful, {.post_anyway = true}).ok());
  EXPECT_EQ(kindness().posted_anyway, 1);
  count_nudge_cancelled(env(), ann_, group_);
  EXPECT_EQ(kindness().cancelled, 1);
  // Someone who may not post in the group can't move the counts.
  count_nudge_cancelled(env(), account("stranger"), group_);
  EXPECT_EQ(kindness().cancelled, 1);
  EXPECT_EQ(kindness().shown, 1);
  // An opening post answers nobody: no nudge.
  EXPECT_TRUE(do_start_thread(env(), ann_, group_, draft("Me", "you are so pathetic, I told myself"), key()).ok());
}

TEST_F(FilteringTest, NobodyOutsideLearnsTheGroupsWords) {
  watch("grapefruit", WatchAction::block, "A message only members should meet.");
  const AccountId stranger = account("stranger");
  FilterOutcome outcome;
  auto refused = do_reply(env(), stranger, thread_.thread_id, std::nullopt, draft("", "grapefruit"), key(), {},
                          &outcome);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::forbidden);
  EXPECT_FALSE(outcome.prompt);
}

TEST_F(FilteringTest, EditsPassTheFiltersButCantGoBackToWaiting) {
  const PostId id = reply(ann_, thread_.thread_id, std::nullopt, "Plain words.");
  watch("lottery", WatchAction::hold);
  watch("grapefruit", WatchAction::censor);
  expect_error(do_edit_post(env(), ann_, id, draft("", "The lottery trick")), ErrorCode::invalid_input);
  EXPECT_EQ(stored(id)->body, "Plain words.");
  FilterOutcome outcome;
  auto asked = do_edit_post(env(), ann_, id, draft("", "Email sarah@example.com"), {}, &outcome);
  ASSERT_FALSE(asked.ok());
  EXPECT_TRUE(needs_confirmation(asked.error()));
  ASSERT_TRUE(do_edit_post(env(), ann_, id, draft("", "Email sarah@example.com"), {.post_anyway = true}).ok());
  ASSERT_TRUE(do_edit_post(env(), ann_, id, draft("", "grapefruit juice")).ok());
  EXPECT_EQ(stored(id)->body.find("grapefruit"), std::string::npos);
}

TEST_F(FilteringTest, AListChangeAppliesToTheNextPost) {
  ASSERT_TRUE(post("grapefruit is fine").ok());
  watch("grapefruit", WatchAction::block);
  expect_error(post("grapefruit is not"), ErrorCode::invalid_input);
  const auto words = read_watched_words(env(), owner_, group_);
  ASSERT_TRUE(words.ok());
  ASSERT_EQ(words->words.size(), 1u);
  ASSERT_TRUE(do_remove_watched_word(env(), owner_, group_, words->words[0].id).ok());
  EXPECT_TRUE(post("grapefruit is fine again").ok());
}

TEST_F(FilteringTest, OnlyKeepersChangeTheLists) {
  expect_error(do_add_watched_word(env(), ann_, group_, {"grapefruit", WatchAction::block, ""}), ErrorCode::forbidden);
  expect_error(read_watched_words(env(), ann_, group_), ErrorCode::forbidden);
  expect_error(do_add_watched_word(env(), owner_, std::nullopt, {"grapefruit", WatchAction::block, ""}),
               ErrorCode::forbidden);  // the platform's list is the platform admins'
  watch("grapefruit", WatchAction::flag);
  expect_error(do_add_watched_word(env(), owner_, group_, {"Grapefruit", WatchAction::block, ""}), ErrorCode::conflict);
  expect_error(do_add_watched_word(env(), owner_, group_, {"  ", WatchAction::block, ""}), ErrorCode::invalid_input);
  expect_error(do_add_watched_word(env(), owner_, group_,
                                   {"kiwi", WatchAction::block, std::string(safety::max_block_message_length + 1, 'x')}),
               ErrorCode::invalid_input);
}

TEST_F(FilteringTest, MuteWordsAreTheMembersOwn) {
  ASSERT_TRUE(do_add_mute_word(env(), ann_, "Diet*").ok());
  expect_error(do_add_mute_word(env(), ann_, "diet*"), ErrorCode::conflict);
  const auto matcher = read_mute_matcher(env(), ann_);
  ASSERT_TRUE(matcher);
  EXPECT_TRUE(matcher->hides("I started dieting"));
  EXPECT_FALSE(matcher->hides("A quiet evening"));
  EXPECT_FALSE(read_mute_matcher(env(), owner_));  // nobody else's list
  const auto words = read_mute_words(env(), ann_);
  ASSERT_EQ(words.size(), 1u);
  ASSERT_TRUE(do_remove_mute_word(env(), ann_, words[0].id).ok());
  EXPECT_FALSE(read_mute_matcher(env(), ann_));
}

}  // namespace
}  // namespace hearth::testing
