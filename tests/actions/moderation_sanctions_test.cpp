// Sanctions through an anonymous post's handle (actions/moderation_sanctions.cpp): they take
// effect on the author's real account, while nothing anyone else can see of the author's
// persona changes — not the membership row, the member list, the count, the persona's
// moderation record.
#include <gtest/gtest.h>

#include <algorithm>

#include "actions/conversations.hpp"
#include "actions/conversations_fixture.hpp"
#include "actions/group_lookup.hpp"
#include "actions/membership.hpp"
#include "actions/moderation.hpp"
#include "actions/moderation_reads.hpp"
#include "actions/reading.hpp"
#include "actions/search.hpp"
#include "store/memberships.hpp"

namespace hearth {

class HandleSanctionTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    mod_ = account("mod");
    alice_ = account("alice");
    bob_ = account("bob");
    group_ = group(owner_, "Night owls", "private");
    member(mod_, group_, "Steady Lamp", MembershipStatus::active, Role::moderator);
    alice_persona_ = member(alice_, group_, "Quiet Heron");
    member(bob_, group_, "Gentle Fern");
    thread_ = start(owner_, group_, "Evenings", "How are your evenings lanterns");
    anon_ = reply(alice_, thread_.thread_id, std::nullopt, "Anonymous words.", true);
    start(bob_, group_, "Mornings", "Something new for Alice's home feed.");
  }

  static ModerationRequest request(ModerationAction action, std::string reason = "Threats.") {
    return ModerationRequest{action, std::move(reason), std::nullopt, action == ModerationAction::mute ? 24 : 0};
  }

  // What others can see of Alice's persona: her row, the member list, the count, the
  // moderators' record of her persona.
  struct Seen {
    std::optional<MembershipStatus> row;  // the row's own status
    std::vector<PersonaId> members;
    int64_t count = 0;
    bool record_banned = false;
    std::size_t record_history = 0;
    bool operator==(const Seen&) const = default;
  };
  Seen seen() {
    Seen s = store().read([&](Connection& c) {
      Seen out;
      if (const auto m = memberships::find(c, group_, alice_)) out.row = m->status;
      for (const auto& m : memberships::active_members(c, group_, 100)) out.members.push_back(m.persona_id);
      out.count = memberships::count_active(c, group_);
      return out;
    });
    const auto record = read_member_moderation(env(), mod_, group_, alice_persona_);
    EXPECT_TRUE(record.ok());
    if (record.ok()) {
      s.record_banned = record->standing.banned;
      s.record_history = record->history.size();
    }
    return s;
  }
  bool alice_can_reply() {
    return do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Still here."), key()).ok();
  }
  bool in_alices_groups() {
    const auto mine = store().read([&](Connection& c) { return memberships::groups_of(c, alice_); });
    return std::any_of(mine.begin(), mine.end(), [&](const auto& g) { return g.id == group_; });
  }

  AccountId owner_ = 0, mod_ = 0, alice_ = 0, bob_ = 0;
  PersonaId alice_persona_ = 0;
  GroupId group_ = 0;
  NewThread thread_;
  PostId anon_ = 0;
};

TEST_F(HandleSanctionTest, ABanThroughTheHandleShutsTheAuthorOutAndChangesNothingOthersSee) {
  const Seen before = seen();
  ASSERT_EQ(before.row, MembershipStatus::active);
  ASSERT_FALSE(read_home_feed(env(), alice_, 50, 30).empty());
  ASSERT_FALSE(search_posts(env(), alice_, "lanterns", std::nullopt, 10).empty());
  ASSERT_TRUE(in_alices_groups());
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::ban)).ok());

  EXPECT_TRUE(seen() == before) << "the row, member list, count and persona record are as they were";

  // The real account is out: no posting, no reading of the private group, no feed, no search,
  // no group in their list (which the live stream reads), no leaving and coming back.
  expect_error(do_reply(env(), alice_, thread_.thread_id, std::nullopt, draft("", "Hi."), key()), ErrorCode::not_found);
  expect_error(do_start_thread(env(), alice_, group_, draft("New", "Body"), key()), ErrorCode::forbidden);
  EXPECT_FALSE(read_thread(env(), thread_.thread_id, alice_, std::nullopt, 50));
  EXPECT_FALSE(read_group_threads(env(), group_, alice_, std::nullopt, 50));
  EXPECT_TRUE(read_home_feed(env(), alice_, 50, 30).empty());
  EXPECT_TRUE(search_posts(env(), alice_, "lanterns", std::nullopt, 10).empty());
  EXPECT_FALSE(search_posts(env(), bob_, "lanterns", std::nullopt, 10).empty()) << "the search itself works";
  EXPECT_FALSE(in_alices_groups());
  const auto view = find_group_by_id_for(env(), group_, alice_);
  ASSERT_TRUE(view);
  EXPECT_TRUE(is_banned(view->viewer)) << "she is told she's banned, like any banned member";
  expect_error(do_leave_group(env(), alice_, group_), ErrorCode::not_found);
  expect_error(do_join_group(env(), alice_, group_, JoinRequest{}), ErrorCode::forbidden);

  // Lifting it through the handle lets her back, and still nothing others see changed.
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::unban, "")).ok());
  EXPECT_TRUE(alice_can_reply());
  EXPECT_TRUE(in_alices_groups());
  EXPECT_TRUE(seen() == before);
}

TEST_F(HandleSanctionTest, AMuteThroughTheHandleStopsPostingAndChangesNothingOthersSee) {
  const Seen before = seen();
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::mute, "Take a breath.")).ok());
  EXPECT_TRUE(seen() == before);
  EXPECT_FALSE(alice_can_reply());
  EXPECT_TRUE(read_thread(env(), thread_.thread_id, alice_, std::nullopt, 50)) << "a mute doesn't stop reading";
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::unmute, "")).ok());
  EXPECT_TRUE(alice_can_reply());
}

TEST_F(HandleSanctionTest, LiftingAPersonaBanDoesNotBetrayAHandleBanStillInForce) {
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::ban)).ok());
  ASSERT_TRUE(do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::ban)).ok());
  EXPECT_EQ(seen().row, MembershipStatus::banned) << "a ban through the persona shows, as it always has";
  ASSERT_TRUE(do_moderate_member(env(), mod_, group_, alice_persona_, request(ModerationAction::unban, "")).ok());
  // Had the row stayed banned, the moderator would know another ban holds her: the handle's.
  EXPECT_EQ(seen().row, MembershipStatus::active);
  EXPECT_FALSE(alice_can_reply()) << "the handle ban still holds";
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::unban, "")).ok());
  EXPECT_TRUE(alice_can_reply());
}

TEST_F(HandleSanctionTest, AnAuthorWhoLeftIsBannedWithoutARowAppearing) {
  ASSERT_TRUE(do_leave_group(env(), alice_, group_).ok());
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::ban)).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE group_id = ? AND account_id = ?", {group_, alice_}), 0)
      << "a banned row for a persona that had left would name her to anyone who looks her up";
  expect_error(do_join_group(env(), alice_, group_, JoinRequest{}), ErrorCode::forbidden);
  ASSERT_TRUE(do_moderate_post(env(), mod_, anon_, request(ModerationAction::unban, "")).ok());
  const auto view = find_group_by_id_for(env(), group_, alice_);
  ASSERT_TRUE(view);
  EXPECT_EQ(join_path(view->group.privacy, view->viewer), JoinPath::request) << "she may ask to join again";
}

}  // namespace hearth
