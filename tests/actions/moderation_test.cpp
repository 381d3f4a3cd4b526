#include "actions/moderation.hpp"

#include <gtest/gtest.h>

#include "actions/conversations.hpp"
#include "actions/conversations_fixture.hpp"
#include "actions/moderation_reads.hpp"
#include "actions/moderation_target.hpp"
#include "actions/posts.hpp"
#include "actions/reactions.hpp"
#include "actions/reports.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "store/posts.hpp"

namespace hearth {

class ModerationTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    mod_ = account("mod");
    alice_ = account("alice");
    bob_ = account("bob");
    group_ = group(owner_, "Night owls", "public");
    store().write([&](Connection& c) { groups::replace_rules(c, group_, {"Be kind.", "No medical advice."}); });
    mod_persona_ = member(mod_, group_, "Steady Lamp", MembershipStatus::active, Role::moderator);
    alice_persona_ = member(alice_, group_, "Quiet Heron");
    bob_persona_ = member(bob_, group_, "Gentle Fern");
    thread_ = start(owner_, group_, "Evenings", "How are your evenings?");
  }

  static ModerationRequest request(ModerationAction action, std::string reason = "Please be gentle here.",
                                   std::optional<int> rule = std::nullopt, int64_t hours = 0) {
    return ModerationRequest{action, std::move(reason), rule, hours};
  }
  std::optional<posts::Post> post(PostId id) {
    return store().read([&](Connection& c) { return posts::find(c, id); });
  }
  MembershipStatus status_of(AccountId account) {
    return store().read([&](Connection& c) { return memberships::find(c, group_, account)->status; });
  }
  // The account's own standing (what it may do), bans through a handle included.
  MembershipStatus own_status_of(AccountId account) {
    return store().read([&](Connection& c) { return memberships::find_own(c, group_, account)->status; });
  }
  PersonaId persona_of(AccountId account) {
    return store().read([&](Connection& c) { return memberships::find(c, group_, account)->persona_id; });
  }
  Status settings(ModerationSettings s) { return do_save_moderation_settings(env(), owner_, group_, s); }

  AccountId owner_ = 0, mod_ = 0, alice_ = 0, bob_ = 0;
  PersonaId mod_persona_ = 0, alice_persona_ = 0, bob_persona_ = 0;
  GroupId group_ = 0;
  NewThread thread_;
};

TEST_F(ModerationTest, RemovalByAModeratorTellsTheAuthorWhyAndCountsAStrike) {
  const PostId reply_id = reply(alice_, thread_.thread_id, std::nullopt, "Take double the dose.");
  ASSERT_TRUE(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::remove, "Dosage advice.", 2)).ok());
  const auto removed = post(reply_id);
  ASSERT_TRUE(removed && removed->deleted_at);
  EXPECT_TRUE(removed->removed_by_moderator);
  EXPECT_EQ(removed->removal_explanation, "Dosage advice.");
  EXPECT_EQ(removed->removal_rule, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_search_rows WHERE post_id = ?", {reply_id}), 0);

  // The author reads the explanation; another member reads only that a moderator removed it.
  const auto as = [&](AccountId viewer) {
    auto page = read_thread(env(), thread_.thread_id, viewer, std::nullopt, 50);
    for (const auto& p : page->view.posts) {
      if (p.id == reply_id) return p;
    }
    return posts::PostView{};
  };
  EXPECT_TRUE(as(alice_).removed_by_moderator);
  EXPECT_EQ(as(alice_).removal_explanation, "Dosage advice.");
  EXPECT_EQ(as(alice_).removal_rule, 2);
  EXPECT_TRUE(as(bob_).removed_by_moderator);
  EXPECT_EQ(as(bob_).removal_explanation, "");
  EXPECT_EQ(as(mod_).removal_explanation, "Dosage advice.");

  const auto record = read_member_moderation(env(), mod_, group_, alice_persona_);
  ASSERT_TRUE(record.ok());
  ASSERT_EQ(record->history.size(), 1u);
  EXPECT_EQ(record->history[0].kind, SanctionKind::removal);
  EXPECT_EQ(record->standing.strikes, 1);
  // The public log says what and why, naming no one.
  const auto log = read_moderation_log(env(), bob_, group_, std::nullopt);
  ASSERT_TRUE(log && !log->full);
  ASSERT_EQ(log->lines.size(), 1u);
  EXPECT_EQ(log->lines[0].public_summary, "Removed a reply. Breaks rule 2: No medical advice.");
  EXPECT_TRUE(log->lines[0].actor_name.empty());
  expect_error(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::remove)), ErrorCode::conflict);
}

TEST_F(ModerationTest, OnlyModeratorsModerateAndWordsAreRequired) {
  const PostId reply_id = reply(alice_, thread_.thread_id, std::nullopt, "Hello.");
  expect_error(do_moderate_post(env(), bob_, reply_id, request(ModerationAction::remove)), ErrorCode::forbidden);
  expect_error(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::remove, "  ")),
               ErrorCode::invalid_input);
  expect_error(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::warn, "Careful.", 7)),
               ErrorCode::invalid_input);
  expect_error(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::mute, "Break.", std::nullopt, 0)),
               ErrorCode::invalid_input);
  EXPECT_FALSE(post(reply_id)->deleted_at);
  // A moderator can't act on the owner shown by their persona.
  expect_error(do_moderate_member(env(), mod_, group_, persona_of(owner_), request(ModerationAction::warn)),
               ErrorCode::forbidden);
}

TEST_F(ModerationTest, MuteStopsPostingReplyingReactingAndEditingUntilItEnds) {
  const PostId mine = reply(alice_, thread_.thread_id, std::nullopt, "First words.");
  ASSERT_TRUE(
      do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::mute, "Take a breath.", 1, 24))
          .ok());
  auto replied = do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "More."), key());
  expect_error(replied, ErrorCode::forbidden);
  EXPECT_NE(replied.error().message.find("Take a breath."), std::string::npos) << "told why";
  EXPECT_NE(replied.error().message.find("22 Nov 2026"), std::string::npos) << "told until when";
  expect_error(do_start_thread(env(), alice_, group_, draft("New", "Body"), key()), ErrorCode::forbidden);
  expect_error(do_react(env(), alice_, thread_.post_id, ReactionKind::support, true), ErrorCode::forbidden);
  expect_error(do_edit_post(env(), alice_, mine, draft("", "Edited.")), ErrorCode::forbidden);
  // Others are not affected; the mute ends on its own.
  EXPECT_TRUE(do_reply(env(), bob_, thread_.thread_id, std::nullopt, draft("", "Hi."), key()).ok());
  clock().advance(int64_t{25} * 3600 * 1000);
  EXPECT_TRUE(do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Back."), key()).ok());
}

TEST_F(ModerationTest, BanShutsTheMemberOutAndLiftingItLetsThemBack) {
  ASSERT_TRUE(
      do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::ban, "Repeated abuse.")).ok());
  EXPECT_EQ(status_of(alice_), MembershipStatus::banned);
  expect_error(do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Hi."), key()), ErrorCode::not_found);
  EXPECT_FALSE(read_thread(env(), thread_.thread_id, alice_, std::nullopt, 50)) << "no reading either";
  ASSERT_TRUE(do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::unban, "")).ok());
  EXPECT_EQ(status_of(alice_), MembershipStatus::active);
  expect_error(do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::unban, "")),
               ErrorCode::conflict);
}

TEST_F(ModerationTest, ActingThroughAnAnonymousPostTakesEffectWithoutNamingTheAuthor) {
  const PostId anon = reply(alice_, thread_.thread_id, std::nullopt, "Anonymous words.", true);
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon, request(ModerationAction::warn, "Mind the rules.", 1)).ok());
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon, request(ModerationAction::ban, "Threats.")).ok());
  EXPECT_EQ(own_status_of(alice_), MembershipStatus::banned) << "takes effect on the real account";
  EXPECT_EQ(status_of(alice_), MembershipStatus::active) << "while her persona's membership shows nothing";

  const auto view = read_post_moderation(env(), mod_, anon);
  ASSERT_TRUE(view.ok());
  EXPECT_EQ(view->handle, anonymous_handle(env().secret_key, anon));
  EXPECT_FALSE(view->author) << "no persona for an anonymous post";
  EXPECT_EQ(view->post.author.persona_id, 0);
  EXPECT_EQ(view->history.size(), 2u);
  EXPECT_TRUE(view->standing.banned);
  // Alice's persona record shows none of it: nothing links the handle to the persona.
  const auto persona = read_member_moderation(env(), mod_, group_, alice_persona_);
  ASSERT_TRUE(persona.ok());
  EXPECT_TRUE(persona->history.empty());
  EXPECT_FALSE(persona->standing.banned);
  const auto log = read_moderation_log(env(), mod_, group_, std::nullopt);
  ASSERT_TRUE(log && log->full);
  for (const auto& line : log->lines) {
    EXPECT_NE(line.target_id, alice_persona_);
    EXPECT_TRUE(line.target_name.empty());
  }
  // Lifting through the handle lets the author back.
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon, request(ModerationAction::unban, "")).ok());
  EXPECT_EQ(own_status_of(alice_), MembershipStatus::active);
}

TEST_F(ModerationTest, AHandleBanOnStaffGoesToThePlatformAdminsAndLooksTheSame) {
  const PostId by_owner = reply(owner_, thread_.thread_id, std::nullopt, "Owner, anonymously.", true);
  const PostId by_alice = reply(alice_, thread_.thread_id, std::nullopt, "Alice, anonymously.", true);
  const auto staff = do_moderate_post(env(), mod_, by_owner, request(ModerationAction::ban, "Threats."));
  const auto member = do_moderate_post(env(), mod_, by_alice, request(ModerationAction::ban, "Threats."));
  ASSERT_TRUE(staff.ok());
  ASSERT_TRUE(member.ok());
  EXPECT_EQ(own_status_of(owner_), MembershipStatus::active) << "the group keeps its owner";
  EXPECT_EQ(own_status_of(alice_), MembershipStatus::banned);
  EXPECT_EQ(count("SELECT COUNT(*) FROM escalations WHERE group_id = ?", {group_}), 1);
  const auto a = read_post_moderation(env(), mod_, by_owner);
  const auto b = read_post_moderation(env(), mod_, by_alice);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->standing.banned, b->standing.banned);
  EXPECT_EQ(a->history.size(), b->history.size());
}

TEST_F(ModerationTest, HeldPostsAreSeenByTheirAuthorAndModeratorsUntilApproved) {
  ASSERT_TRUE(settings({2, 0, false}).ok());
  const PostId held = reply(alice_, thread_.thread_id, std::nullopt, "My first words here.");
  ASSERT_TRUE(post(held)->held_at);
  EXPECT_EQ(post(held)->held_reason, "new_member");
  const auto ids = [&](AccountId viewer) {
    std::vector<PostId> found;
    const auto page = read_thread(env(), thread_.thread_id, viewer, std::nullopt, 50);  // kept alive for the loop
    for (const auto& p : page->view.posts) found.push_back(p.id);
    return found;
  };
  EXPECT_EQ(ids(bob_).size(), 1u) << "invisible to other members";
  EXPECT_EQ(ids(alice_).size(), 2u) << "the author sees it, waiting";
  EXPECT_EQ(ids(mod_).size(), 2u);
  EXPECT_EQ(count("SELECT post_count FROM threads WHERE id = ?", {thread_.thread_id}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_search_rows WHERE post_id = ?", {held}), 0);
  expect_error(do_react(env(), bob_, held, ReactionKind::support, true), ErrorCode::not_found);

  const auto queue = read_moderation_queue(env(), mod_, group_);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->items.size(), 1u);
  EXPECT_TRUE(queue->items[0].post->held);

  ASSERT_TRUE(do_moderate_post(env(), mod_, held, request(ModerationAction::approve, "")).ok());
  EXPECT_EQ(ids(bob_).size(), 2u);
  EXPECT_EQ(count("SELECT post_count FROM threads WHERE id = ?", {thread_.thread_id}), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_search_rows WHERE post_id = ?", {held}), 1);
  // The second post still waits; the third doesn't; moderators' posts never do.
  EXPECT_TRUE(post(reply(alice_, thread_.thread_id, std::nullopt, "Second."))->held_at);
  EXPECT_FALSE(post(reply(mod_, thread_.thread_id, std::nullopt, "Welcome."))->held_at);
}

TEST_F(ModerationTest, AHeldThreadIsListedNowhereUntilApproved) {
  ASSERT_TRUE(settings({0, 0, true}).ok());
  const NewThread held = start(alice_, group_, "Hard night", "Can't sleep.", true);
  EXPECT_EQ(count("SELECT post_count FROM threads WHERE id = ?", {held.thread_id}), 0);
  const auto listed = [&](AccountId viewer) {
    auto page = read_group_threads(env(), group_, viewer, std::nullopt, 50);
    for (const auto& t : page->threads) {
      if (t.id == held.thread_id) return true;
    }
    return false;
  };
  EXPECT_FALSE(listed(bob_));
  EXPECT_FALSE(read_thread(env(), held.thread_id, bob_, std::nullopt, 50));
  const auto own = read_thread(env(), held.thread_id, alice_, std::nullopt, 50);
  ASSERT_TRUE(own);
  EXPECT_EQ(own->summary.post_count, 1) << "its author sees the opening post: no \"-1 replies\"";
  expect_error(do_reply(env(), mod_, held.thread_id, std::nullopt, draft("", "Hi"), key()), ErrorCode::conflict);
  ASSERT_TRUE(do_moderate_post(env(), mod_, held.post_id, request(ModerationAction::approve, "")).ok());
  EXPECT_TRUE(listed(bob_));
  EXPECT_TRUE(read_thread(env(), held.thread_id, bob_, std::nullopt, 50));
}

TEST_F(ModerationTest, SlowModeSpacesOutAMembersPosts) {
  ASSERT_TRUE(settings({0, 120, false}).ok());
  reply(alice_, thread_.thread_id, std::nullopt, "One.");
  auto again = do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Two."), key());
  expect_error(again, ErrorCode::rate_limited);
  EXPECT_GT(again.error().retry_after_seconds, 0);
  EXPECT_TRUE(do_reply(env(), mod_, thread_.thread_id, std::nullopt, draft("", "Mods."), key()).ok());
  clock().advance(121'000);
  EXPECT_TRUE(do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Two."), key()).ok());
  expect_error(settings({0, -1, false}), ErrorCode::invalid_input);
  expect_error(do_save_moderation_settings(env(), mod_, group_, {}), ErrorCode::forbidden);
}

TEST_F(ModerationTest, ReportsDoNotDuplicateAndTheReporterLearnsTheOutcome) {
  const PostId reply_id = reply(alice_, thread_.thread_id, std::nullopt, "Harsh words.");
  const ReportDraft hurtful{ReportReason::hurtful, std::nullopt, "It upset me."};
  auto first = do_report_post(env(), bob_, reply_id, hurtful);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE(first->already_reported);
  auto second = do_report_post(env(), bob_, reply_id, hurtful);
  ASSERT_TRUE(second.ok());
  EXPECT_TRUE(second->already_reported);
  EXPECT_EQ(count("SELECT COUNT(*) FROM reports WHERE item_id = ?", {reply_id}), 1);
  expect_error(do_report_post(env(), bob_, reply_id, {ReportReason::group_rule, 9, ""}), ErrorCode::invalid_input);

  // "Someone may be at risk" comes first in the queue, whatever its age.
  clock().advance(60'000);
  const PostId worrying = reply(alice_, thread_.thread_id, std::nullopt, "I can't go on.");
  ASSERT_TRUE(do_report_post(env(), bob_, worrying, {ReportReason::at_risk, std::nullopt, ""}).ok());
  const auto queue = read_moderation_queue(env(), mod_, group_);
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->items.size(), 2u);
  EXPECT_EQ(queue->items[0].post->id, worrying);
  EXPECT_EQ(queue->items[1].reports.notes, std::vector<std::string>{"It upset me."});

  ASSERT_TRUE(do_moderate_post(env(), mod_, reply_id, request(ModerationAction::remove, "Unkind.", 1)).ok());
  const auto mine = read_my_reports(env(), bob_);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[1].outcome, ReportOutcome::removed);
  EXPECT_EQ(mine[0].outcome, ReportOutcome::open);
  expect_error(do_report_post(env(), account("stranger"), reply_id, hurtful), ErrorCode::conflict);
}

TEST_F(ModerationTest, ReportsAreRateLimited) {
  for (int i = 0; i < reports_per_account_per_hour; ++i) {
    const PostId p = reply(alice_, thread_.thread_id, std::nullopt, "Post " + std::to_string(i));
    ASSERT_TRUE(do_report_post(env(), bob_, p, {ReportReason::spam, std::nullopt, ""}).ok()) << i;
  }
  const PostId last = reply(alice_, thread_.thread_id, std::nullopt, "One more");
  expect_error(do_report_post(env(), bob_, last, {ReportReason::spam, std::nullopt, ""}), ErrorCode::rate_limited);
}

}  // namespace hearth
