#include "actions/context_notes.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/filtering.hpp"
#include "actions/verification.hpp"
#include "actions/word_lists.hpp"
#include "store/context_notes.hpp"
#include "store/filter_flags.hpp"
#include "store/moderation_log.hpp"
#include "store/platform_admins.hpp"

namespace hearth {
namespace {

class ContextNotesTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    admin_ = account("site-admin");
    store().write([&](Connection& c) { platform_admins::set_admin(c, "site-admin", true); });
    owner_ = account("owner");
    nurse_ = account("nurse");
    poster_ = account("poster");
    group_ = group(owner_, "Night owls", "public");
    nurse_persona_ = member(nurse_, group_, "Quiet Harbour");
    member(poster_, group_, "Loud Lantern");
    for (int i = 0; i < 4; ++i) raters_.push_back(account("rater" + std::to_string(i)));
    for (std::size_t i = 0; i < raters_.size(); ++i) member(raters_[i], group_, "Rater Number " + std::to_string(i));
    thread_ = start(poster_, group_, "Sleep", "Melatonin cures insomnia for good.");
    ASSERT_TRUE(do_verify_member(env(), admin_, "nurse", {VerificationKind::health_professional, "nurse", "UK"}).ok());
  }
  static NoteDraft draft() {
    return {"Melatonin can help some people fall asleep for a while. It doesn't cure insomnia.",
            {"https://www.nhs.uk/medicines/melatonin/"}};
  }
  PostNotes notes_for(std::optional<AccountId> viewer) { return *read_post_notes(env(), viewer, thread_.post_id); }

  AccountId admin_ = 0, owner_ = 0, nurse_ = 0, poster_ = 0;
  std::vector<AccountId> raters_;
  GroupId group_ = 0;
  PersonaId nurse_persona_ = 0;
  NewThread thread_;
};

TEST_F(ContextNotesTest, ANoteFromAPersonaShowingTheBadgeShowsAtOnce) {
  ASSERT_TRUE(do_set_badge_shown(env(), nurse_, nurse_persona_, true).ok());
  auto added = do_add_note(env(), nurse_, thread_.post_id, draft());
  ASSERT_TRUE(added.ok()) << added.error().message;
  const auto guest = notes_for(std::nullopt);
  ASSERT_EQ(guest.shown.size(), 1u);
  EXPECT_EQ(note_from_label(*guest.shown[0].from), "Context from a verified nurse");
  EXPECT_FALSE(guest.shown[0].can_rate) << "guests read notes, they don't rate them";
  EXPECT_FALSE(guest.can_see_pending);
  expect_error(do_add_note(env(), nurse_, thread_.post_id, draft()), ErrorCode::conflict);  // one note per post
}

TEST_F(ContextNotesTest, AnyOtherNoteWaitsForThreeHelpfulRatings) {
  auto added = do_add_note(env(), nurse_, thread_.post_id, draft());  // badge hidden here
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(notes_for(std::nullopt).shown.empty());
  EXPECT_TRUE(notes_for(std::nullopt).pending.empty()) << "guests don't see waiting notes";
  ASSERT_EQ(notes_for(raters_[0]).pending.size(), 1u);
  expect_error(do_rate_note(env(), nurse_, *added, true), ErrorCode::conflict);  // not one's own
  expect_error(do_rate_note(env(), account("outsider"), *added, true), ErrorCode::forbidden);
  ASSERT_TRUE(do_rate_note(env(), raters_[0], *added, true).ok());
  ASSERT_TRUE(do_rate_note(env(), raters_[1], *added, true).ok());
  EXPECT_TRUE(notes_for(std::nullopt).shown.empty()) << "two are not enough";
  ASSERT_TRUE(do_rate_note(env(), raters_[2], *added, true).ok());
  ASSERT_EQ(notes_for(std::nullopt).shown.size(), 1u);
  EXPECT_FALSE(notes_for(std::nullopt).shown[0].from.has_value()) << "not presented as a nurse's";
  // Changing one's mind counts once.
  ASSERT_TRUE(do_rate_note(env(), raters_[0], *added, false).ok());
  ASSERT_TRUE(do_rate_note(env(), raters_[0], *added, false).ok());
  const auto now = notes_for(raters_[0]);
  EXPECT_TRUE(now.shown.empty());
  ASSERT_EQ(now.pending.size(), 1u);
  EXPECT_EQ(now.pending[0].helpful, 2);
  EXPECT_EQ(now.pending[0].not_helpful, 1);
  EXPECT_EQ(now.pending[0].my_rating, false);
}

TEST_F(ContextNotesTest, UnverifiedMembersCannotWriteNotesButModeratorsCan) {
  expect_error(do_add_note(env(), raters_[0], thread_.post_id, draft()), ErrorCode::forbidden);
  EXPECT_FALSE(notes_for(raters_[0]).can_write);
  EXPECT_TRUE(notes_for(owner_).can_write);
  auto added = do_add_note(env(), owner_, thread_.post_id, draft());
  ASSERT_TRUE(added.ok());
  EXPECT_TRUE(notes_for(std::nullopt).shown.empty()) << "a moderator's note is rated like any other";
  expect_error(do_add_note(env(), owner_, thread_.post_id, {"Long enough to count.", {"javascript:alert(1)"}}),
               ErrorCode::invalid_input);
}

TEST_F(ContextNotesTest, ModeratorsRemoveNotesAndLabelPostsInTheModerationLog) {
  ASSERT_TRUE(do_set_badge_shown(env(), nurse_, nurse_persona_, true).ok());
  auto added = do_add_note(env(), nurse_, thread_.post_id, draft());
  ASSERT_TRUE(added.ok());
  expect_error(do_remove_note(env(), raters_[0], *added, ""), ErrorCode::forbidden);
  expect_error(do_set_needs_context(env(), raters_[0], thread_.post_id, true), ErrorCode::forbidden);
  ASSERT_TRUE(do_set_needs_context(env(), owner_, thread_.post_id, true).ok());
  ASSERT_TRUE(do_set_needs_context(env(), owner_, thread_.post_id, true).ok()) << "a repeated click";
  EXPECT_TRUE(notes_for(std::nullopt).needs_context);
  clock().advance(1000);  // the log lists the newest first
  ASSERT_TRUE(do_remove_note(env(), owner_, *added, "Off topic.").ok());
  EXPECT_TRUE(notes_for(std::nullopt).shown.empty());
  expect_error(do_rate_note(env(), raters_[0], *added, true), ErrorCode::not_found);
  expect_error(do_remove_note(env(), owner_, *added, ""), ErrorCode::not_found);
  const auto log = store().read([&](Connection& c) { return moderation_log::recent(c, group_, true, std::nullopt, 10); });
  ASSERT_EQ(log.size(), 2u) << "the repeated label wrote nothing";
  EXPECT_EQ(log[0].action, "note.removed");
  EXPECT_EQ(log[0].reason, "Off topic.");
  EXPECT_EQ(log[1].action, "post.needs_context");
  ASSERT_TRUE(do_set_needs_context(env(), owner_, thread_.post_id, false).ok());
  EXPECT_FALSE(notes_for(std::nullopt).needs_context);
}

TEST_F(ContextNotesTest, ThreadReadsCarryBadgesButNeverForAnonymousPosts) {
  ASSERT_TRUE(do_set_badge_shown(env(), nurse_, nurse_persona_, true).ok());
  reply(nurse_, thread_.thread_id, std::nullopt, "Speaking anonymously here.", true);
  auto added = do_add_note(env(), nurse_, thread_.post_id, draft());
  ASSERT_TRUE(added.ok());
  const auto group = find_group_by_id_for(env(), group_, std::nullopt);
  const auto notes = read_thread_notes(env(), *group, thread_.thread_id);
  EXPECT_EQ(notes.badges.size(), 1u);
  EXPECT_TRUE(notes.badges.count(nurse_persona_));
  ASSERT_EQ(notes.shown.count(thread_.post_id), 1u);
  EXPECT_FALSE(notes.can_write);
  const auto page = read_thread(env(), thread_.thread_id, std::nullopt, std::nullopt, 50);
  for (const auto& post : page->view.posts) {
    if (post.author.anonymous) {
      EXPECT_EQ(post.author.persona_id, 0) << "nothing to look a badge up by";
    }
  }
}

TEST_F(ContextNotesTest, NotesOfAPrivateGroupAreNotFoundForOutsiders) {
  const GroupId closed = group(owner_, "Closed circle", "private");
  member(nurse_, closed, "Other Name");
  const auto t = start(owner_, closed, "Private", "Private words here.");
  auto added = do_add_note(env(), owner_, t.post_id, draft());
  ASSERT_TRUE(added.ok());
  const AccountId outsider = account("outsider");
  EXPECT_FALSE(read_post_notes(env(), outsider, t.post_id).has_value());
  EXPECT_FALSE(read_post_notes(env(), std::nullopt, t.post_id).has_value());
  expect_error(do_rate_note(env(), outsider, *added, true), ErrorCode::not_found);
  expect_error(do_add_note(env(), outsider, t.post_id, draft()), ErrorCode::not_found);
  // A note of another group under this group's address:
  expect_error(do_rate_note(env(), raters_[0], *added, true, group_), ErrorCode::not_found);
}

// The safety filters on a note's text (docs/context_notes.md, "Safety filters").
class ContextNoteFiltersTest : public ContextNotesTest {
 protected:
  void watch(const std::string& phrase, WatchAction action, const std::string& message = "") {
    auto added = do_add_watched_word(env(), owner_, group_, {phrase, action, message});
    ASSERT_TRUE(added.ok()) << added.error().message;
  }
  Result<NoteId> note(const std::string& body, FilterChoice choice = {}, FilterOutcome* outcome = nullptr) {
    return do_add_note(env(), nurse_, thread_.post_id, {body, {"https://www.nhs.uk/"}}, choice, outcome);
  }
  std::string stored_body(NoteId id) {
    return store().read([&](Connection& c) { return context_notes::find(c, id)->body; });
  }
  std::vector<filter_flags::Flag> flags() {
    return store().read([&](Connection& c) { return filter_flags::open_for(c, group_, thread_.post_id); });
  }
  int64_t notes() { return count("SELECT COUNT(*) FROM context_notes"); }
};

TEST_F(ContextNoteFiltersTest, ABlockedWordRefusesTheNoteWithTheListsMessage) {
  watch("grapefruit", WatchAction::block, "No fruit talk here, please.");
  FilterOutcome outcome;
  auto refused = note("Grapefruit changes how some sleep medicines work.", {}, &outcome);
  expect_error(refused, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "body");
  EXPECT_EQ(refused.error().message, "No fruit talk here, please.");
  ASSERT_TRUE(outcome.prompt);
  ASSERT_EQ(outcome.prompt->body_spans.size(), 1u);
  EXPECT_EQ(notes(), 0);
  expect_error(note("Grapefruit, again, with post anyway.", {.post_anyway = true}), ErrorCode::invalid_input);
  EXPECT_EQ(notes(), 0);
}

TEST_F(ContextNoteFiltersTest, WordsTheGroupHoldsRefuseTheNoteBecauseNotesCannotWait) {
  watch("grapefruit", WatchAction::hold);
  auto refused = note("Grapefruit changes how some sleep medicines work.");
  expect_error(refused, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "body");
  EXPECT_NE(refused.error().message.find("can't wait for a moderator"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("Grapefruit"), std::string::npos) << "the words concerned are named";
  EXPECT_EQ(notes(), 0);
  EXPECT_TRUE(flags().empty()) << "nothing was written, so nothing waits in the queue";
}

TEST_F(ContextNoteFiltersTest, CensoredWordsAreMaskedAndFlaggedWordsGoToTheQueueMarkedAsANotes) {
  watch("grapefruit", WatchAction::censor);
  watch("melatonin", WatchAction::flag);
  auto added = note("Melatonin and grapefruit: ask a pharmacist first.");
  ASSERT_TRUE(added.ok()) << added.error().message;
  const std::string body = stored_body(*added);
  EXPECT_EQ(body.find("grapefruit"), std::string::npos) << body;
  EXPECT_NE(body.find("Melatonin"), std::string::npos);
  const auto found = flags();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].filter, "watched_words");
  EXPECT_EQ(found[0].detail.rfind("in a context note", 0), 0u) << found[0].detail;
  EXPECT_EQ(found[0].words, "Melatonin");
}

TEST_F(ContextNoteFiltersTest, CrisisLanguageIsAddedWithCrisisLinesAndAnAtRiskItem) {
  store().write([&](Connection& c) { c.run("UPDATE accounts SET region = 'GB' WHERE id = ?", {nurse_}); });
  FilterOutcome outcome;
  auto added = note("Honestly I can't go on any more. I want to die.", {}, &outcome);
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_TRUE(outcome.crisis);
  EXPECT_EQ(outcome.crisis_regions, (std::vector<std::string>{"GB"}));
  const auto found = flags();
  ASSERT_EQ(found.size(), 1u);
  EXPECT_TRUE(found[0].at_risk);
  const auto open = store().read([&](Connection& c) { return filter_flags::open_posts(c, group_, 10); });
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].post_id, thread_.post_id) << "the item is the post the note is on";
}

TEST_F(ContextNoteFiltersTest, SomeoneElsesDetailsAskFirstAndPostAnywayAddsIt) {
  const std::string text = "Ring Sarah Jones on 07700 900123 for the clinic's advice.";
  FilterOutcome outcome;
  auto asked = note(text, {}, &outcome);
  ASSERT_FALSE(asked.ok());
  EXPECT_TRUE(needs_confirmation(asked.error()));
  ASSERT_TRUE(outcome.prompt);
  EXPECT_TRUE(outcome.prompt->third_party);
  EXPECT_FALSE(outcome.prompt->body_spans.empty());
  EXPECT_EQ(notes(), 0);
  auto added = note(text, {.post_anyway = true});
  ASSERT_TRUE(added.ok()) << added.error().message;
  EXPECT_EQ(stored_body(*added), text);
  // A group strict about other people's details would hold it; a note can't wait: refused.
  ASSERT_TRUE(do_set_strict_third_party(env(), owner_, group_, true).ok());
  auto strict = do_add_note(env(), owner_, thread_.post_id, {text, {"https://www.nhs.uk/"}});
  expect_error(strict, ErrorCode::invalid_input);
  EXPECT_NE(strict.error().message.find("someone else's details"), std::string::npos) << strict.error().message;
}

TEST_F(ContextNoteFiltersTest, NothingIsCheckedForSomeoneWhoMayNotWriteANote) {
  watch("grapefruit", WatchAction::block, "No fruit talk here, please.");
  auto refused = do_add_note(env(), raters_[0], thread_.post_id, {"Grapefruit is fine, trust me.", {"https://a.org/"}});
  expect_error(refused, ErrorCode::forbidden);  // not "No fruit talk": the list stays the moderators'
}

}  // namespace
}  // namespace hearth
