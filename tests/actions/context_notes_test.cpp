#include "actions/context_notes.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/verification.hpp"
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

}  // namespace
}  // namespace hearth
