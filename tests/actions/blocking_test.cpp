#include "actions/blocking.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/live_events.hpp"
#include "actions/reactions.hpp"
#include "actions/search.hpp"
#include "actions/sessions.hpp"
#include "store/memberships.hpp"

namespace hearth {
namespace {

class BlockingTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    carol_ = account("carol");
    group_ = group(owner_, "Open circle", "public");
    alice_p_ = member(alice_, group_, "Alice Alder");
    bob_p_ = member(bob_, group_, "Bob Birch");
    carol_p_ = member(carol_, group_, "Carol Cedar");
    thread_ = start(owner_, group_, "Evenings", "How are your evenings?").thread_id;
  }

  BlockSet blocks_of(AccountId who) { return read_block_set(env(), who); }

  AccountId owner_ = 0, alice_ = 0, bob_ = 0, carol_ = 0;
  GroupId group_ = 0;
  PersonaId alice_p_ = 0, bob_p_ = 0, carol_p_ = 0;
  ThreadId thread_ = 0;
};

TEST_F(BlockingTest, ABlockHidesTheTwoNamesFromEachOtherAndNothingElse) {
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());  // twice: one block
  EXPECT_EQ(count("SELECT COUNT(*) FROM persona_blocks"), 1);
  const BlockSet alice = blocks_of(alice_);
  EXPECT_EQ(alice.blocked, std::vector<PersonaId>{bob_p_});
  EXPECT_TRUE(alice.blocked_by.empty());
  // Bob stops seeing Alice's name in this group, and only it.
  const BlockSet bob = blocks_of(bob_);
  EXPECT_TRUE(bob.blocked.empty());
  EXPECT_EQ(bob.blocked_by, std::vector<PersonaId>{alice_p_});
  EXPECT_TRUE(blocks_of(carol_).empty());

  const auto listed = read_blocks(env(), alice_);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].persona_name, "Bob Birch");
  EXPECT_EQ(listed[0].group_name, "Open circle");
  EXPECT_TRUE(read_blocks(env(), bob_).empty());

  ASSERT_TRUE(do_unblock_persona(env(), alice_, bob_p_).ok());
  ASSERT_TRUE(do_unblock_persona(env(), alice_, bob_p_).ok());  // nothing left to lift: fine
  EXPECT_TRUE(blocks_of(alice_).empty());
  EXPECT_TRUE(blocks_of(bob_).empty());
}

TEST_F(BlockingTest, AReaderWithoutANameInTheGroupHidesNothingOfTheirsFromTheOtherSide) {
  const AccountId reader = account("reader");  // reads the public group, not a member
  ASSERT_TRUE(do_block_persona(env(), reader, group_, bob_p_).ok());
  EXPECT_EQ(blocks_of(reader).blocked, std::vector<PersonaId>{bob_p_});
  EXPECT_TRUE(blocks_of(bob_).blocked_by.empty());
}

TEST_F(BlockingTest, OnlyAnotherMemberTheViewerMayReachCanBeBlocked) {
  expect_error(do_block_persona(env(), alice_, group_, alice_p_), ErrorCode::conflict);
  expect_error(do_block_persona(env(), alice_, group_, 12345), ErrorCode::not_found);
  const GroupId closed = group(owner_, "Closed circle", "private");
  const PersonaId inside = member(carol_, closed, "Carol Inside");
  expect_error(do_block_persona(env(), alice_, closed, inside), ErrorCode::not_found);  // can't read it
  expect_error(read_block_target(env(), alice_, closed, inside), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM persona_blocks"), 0);
  const auto target = read_block_target(env(), alice_, group_, bob_p_);
  ASSERT_TRUE(target.ok());
  EXPECT_EQ(target->persona_name, "Bob Birch");
  EXPECT_FALSE(target->already_blocked);
}

TEST_F(BlockingTest, RepliesAcrossABlockAreRefusedBothWaysButAnonymousPostsTakeThem) {
  const PostId bob_signed = reply(bob_, thread_, std::nullopt, "Signed by Bob");
  const PostId bob_anonymous = reply(bob_, thread_, std::nullopt, "Anonymous Bob", true);
  const PostId alice_signed = reply(alice_, thread_, std::nullopt, "Signed by Alice");
  const PostId alice_anonymous = reply(alice_, thread_, std::nullopt, "Anonymous Alice", true);
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  const int64_t before = count("SELECT COUNT(*) FROM posts");
  const auto try_reply = [&](AccountId who, PostId parent, bool anonymous = false) {
    return do_reply(env(), who, thread_, parent, draft("", "Hello", anonymous), key());
  };
  expect_error(try_reply(alice_, bob_signed), ErrorCode::forbidden);
  expect_error(try_reply(alice_, bob_signed, true), ErrorCode::forbidden);  // anonymously neither
  expect_error(try_reply(bob_, alice_signed), ErrorCode::forbidden);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts"), before);
  // Refusing these would tell who wrote them.
  EXPECT_TRUE(try_reply(alice_, bob_anonymous).ok());
  EXPECT_TRUE(try_reply(bob_, alice_anonymous).ok());
  EXPECT_TRUE(try_reply(carol_, bob_signed).ok());
}

TEST_F(BlockingTest, NoNewReactionsAcrossABlockButAnonymousPostsTakeThem) {
  const PostId bob_signed = reply(bob_, thread_, std::nullopt, "Signed by Bob");
  const PostId bob_anonymous = reply(bob_, thread_, std::nullopt, "Anonymous Bob", true);
  ASSERT_TRUE(do_react(env(), alice_, bob_signed, ReactionKind::support, true).ok());
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  expect_error(do_react(env(), alice_, bob_signed, ReactionKind::me_too, true), ErrorCode::forbidden);
  EXPECT_TRUE(do_react(env(), alice_, bob_signed, ReactionKind::support, false).ok());  // taking one back
  EXPECT_TRUE(do_react(env(), alice_, bob_anonymous, ReactionKind::support, true).ok());
  EXPECT_TRUE(do_react(env(), carol_, bob_signed, ReactionKind::support, true).ok());
}

TEST_F(BlockingTest, AThreadOpenedUnderABlockedNameTakesNoReplyFromTheBlocker) {
  const ThreadId bobs = start(bob_, group_, "Bob asks", "Anyone?").thread_id;
  const ThreadId bobs_anonymous = start(bob_, group_, "Someone asks", "Anyone?", true).thread_id;
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  expect_error(do_reply(env(), alice_, bobs, std::nullopt, draft("", "Hi", false), key()), ErrorCode::forbidden);
  EXPECT_TRUE(do_reply(env(), alice_, bobs_anonymous, std::nullopt, draft("", "Hi", false), key()).ok());
}

TEST_F(BlockingTest, MemberListsLeaveBothSidesOut) {
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  const auto list = [&](AccountId viewer) {
    auto members = store().read([&](Connection& c) { return memberships::active_members(c, group_, 100); });
    drop_blocked_members(members, blocks_of(viewer));
    std::vector<PersonaId> ids;
    for (const auto& m : members) ids.push_back(m.persona_id);
    return ids;
  };
  const auto contains = [](const std::vector<PersonaId>& ids, PersonaId id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
  };
  EXPECT_FALSE(contains(list(alice_), bob_p_));
  EXPECT_FALSE(contains(list(bob_), alice_p_));
  EXPECT_TRUE(contains(list(carol_), alice_p_));
  EXPECT_TRUE(contains(list(carol_), bob_p_));
}

TEST_F(BlockingTest, SearchLeavesOutSignedPostsAcrossABlockButNeverAnonymousOnes) {
  const PostId signed_post = reply(bob_, thread_, std::nullopt, "marigold signed");
  const PostId anonymous_post = reply(bob_, thread_, std::nullopt, "marigold unsigned", true);
  const PostId alices = reply(alice_, thread_, std::nullopt, "marigold from alice");
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  const auto found = [&](std::optional<AccountId> viewer) {
    std::vector<PostId> ids;
    for (const auto& hit : search_posts(env(), viewer, "marigold", std::nullopt, 20)) ids.push_back(hit.post_id);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  auto sorted = [](std::vector<PostId> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  EXPECT_EQ(found(alice_), sorted({anonymous_post, alices}));
  EXPECT_EQ(found(bob_), sorted({signed_post, anonymous_post}));
  EXPECT_EQ(found(carol_), sorted({signed_post, anonymous_post, alices}));
  EXPECT_EQ(sorted(found(std::nullopt)), found(carol_));
}

TEST_F(BlockingTest, LiveEventsAreNotDeliveredAcrossABlockButAnonymousOnesAre) {
  ASSERT_TRUE(do_block_persona(env(), alice_, group_, bob_p_).ok());
  const NewSession session = do_open_session(env(), alice_);
  const LiveViewer alice = live_viewer(authenticate_session(env(), session.token));
  const int64_t from = thread_live_position(env(), thread_);
  reply(bob_, thread_, std::nullopt, "Signed");
  const PostId anonymous = reply(bob_, thread_, std::nullopt, "Unsigned", true);
  const ThreadDelivery d = deliver_thread_events(env(), alice, thread_, from);
  ASSERT_EQ(d.events.size(), 1u);
  EXPECT_EQ(d.events[0].post_id, anonymous);
  EXPECT_EQ(d.position, from + 2);  // the stream moves past what it didn't deliver
  const ThreadDelivery everyone = deliver_thread_events(env(), LiveViewer{}, thread_, from);
  EXPECT_EQ(everyone.events.size(), 2u);
}

}  // namespace
}  // namespace hearth
