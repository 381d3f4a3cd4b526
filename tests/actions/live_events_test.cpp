#include "actions/live_events.hpp"

#include <gtest/gtest.h>

#include "actions/blocking.hpp"
#include "actions/conversations_fixture.hpp"
#include "actions/moderation.hpp"
#include "actions/posts.hpp"
#include "actions/reactions.hpp"
#include "actions/reading.hpp"
#include "actions/sessions.hpp"
#include "actions/threads.hpp"
#include "store/memberships.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

using Kind = thread_events::Kind;

class LiveEventsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    public_ = group(owner_, "Open circle", "public");
    private_ = group(owner_, "Closed circle", "private");
    for (GroupId g : {public_, private_}) {
      member(alice_, g, "Alice " + std::to_string(g % 1000));
      member(bob_, g, "Bob " + std::to_string(g % 1000));
    }
    thread_ = start(owner_, public_, "Open talk", "Hello").thread_id;
    private_thread_ = start(owner_, private_, "Closed talk", "Hello").thread_id;
  }

  // A member's viewer as a stream opened with a real session holds it.
  LiveViewer signed_in(AccountId account) {
    const NewSession session = do_open_session(env(), account);
    tokens_.push_back(session.token);
    return live_viewer(authenticate_session(env(), session.token));
  }

  ThreadDelivery deliver(const LiveViewer& viewer, ThreadId thread, int64_t after) {
    return deliver_thread_events(env(), viewer, thread, after);
  }
  static std::vector<std::pair<Kind, PostId>> kinds(const ThreadDelivery& d) {
    std::vector<std::pair<Kind, PostId>> out;
    for (const auto& e : d.events) out.emplace_back(e.kind, e.post_id);
    return out;
  }

  AccountId owner_ = 0, alice_ = 0, bob_ = 0;
  GroupId public_ = 0, private_ = 0;
  ThreadId thread_ = 0, private_thread_ = 0;
  std::vector<std::string> tokens_;
};

TEST_F(LiveEventsTest, ReplyEditReactionAndRemovalAreDeliveredInOrderOnce) {
  const LiveViewer guest;
  const int64_t from = thread_live_position(env(), thread_);
  const PostId r = reply(alice_, thread_, std::nullopt, "I hear you.");
  ASSERT_TRUE(do_edit_post(env(), alice_, r, draft("", "I hear you, truly.")).ok());
  ASSERT_TRUE(do_react(env(), bob_, r, ReactionKind::support, true).ok());
  ASSERT_TRUE(do_delete_post(env(), alice_, r).ok());

  const auto d = deliver(guest, thread_, from);
  EXPECT_FALSE(d.gone);
  EXPECT_FALSE(d.reset);
  EXPECT_EQ(kinds(d), (std::vector<std::pair<Kind, PostId>>{
                          {Kind::reply, r}, {Kind::edit, r}, {Kind::reaction, r}, {Kind::removal, r}}));
  EXPECT_EQ(d.position, from + 4);
  EXPECT_EQ(d.position, thread_live_position(env(), thread_));
  // From where it stopped: nothing again.
  const auto again = deliver(guest, thread_, d.position);
  EXPECT_TRUE(again.events.empty());
  EXPECT_EQ(again.position, d.position);
  // From the middle (a reconnect with Last-Event-ID): only what came after.
  EXPECT_EQ(kinds(deliver(guest, thread_, from + 2)),
            (std::vector<std::pair<Kind, PostId>>{{Kind::reaction, r}, {Kind::removal, r}}));
}

TEST_F(LiveEventsTest, ARefusedWriteRecordsNothing) {
  const int64_t from = thread_live_position(env(), thread_);
  // Not a member of the private group: the reply is refused, and no event exists.
  const AccountId stranger = account("stranger");
  EXPECT_FALSE(do_reply(env(), stranger, private_thread_, std::nullopt, draft("", "Hi"), key()).ok());
  ASSERT_TRUE(do_set_thread_locked(env(), owner_, thread_, true).ok());
  const int64_t locked = thread_live_position(env(), thread_);
  EXPECT_EQ(locked, from + 1) << "the lock is an event";
  EXPECT_FALSE(do_reply(env(), alice_, thread_, std::nullopt, draft("", "Still here?"), key()).ok());
  EXPECT_FALSE(do_edit_post(env(), bob_, reply(owner_, private_thread_, std::nullopt, "Owner's"), draft("", "x")).ok());
  EXPECT_EQ(thread_live_position(env(), thread_), locked);
  EXPECT_TRUE(deliver(LiveViewer{}, thread_, locked).events.empty());
}

TEST_F(LiveEventsTest, LockingAndPinningReachEveryoneWhoMayReadTheThreadEvenAcrossABlock) {
  const auto [opening, owner_persona] = store().read([&](Connection& c) {
    return std::pair{threads::find(c, thread_)->opening_post_id, memberships::find(c, public_, owner_)->persona_id};
  });
  // Alice blocked the opening post's author: its edits no longer reach her, the thread's state does.
  ASSERT_TRUE(do_block_persona(env(), alice_, public_, owner_persona).ok());
  const int64_t from = thread_live_position(env(), thread_);
  ASSERT_TRUE(do_set_thread_locked(env(), owner_, thread_, true).ok());
  ASSERT_TRUE(do_set_thread_locked(env(), owner_, thread_, true).ok()) << "locked already: no event";
  ASSERT_TRUE(do_set_thread_pinned(env(), owner_, thread_, true).ok());
  ASSERT_TRUE(do_set_thread_locked(env(), owner_, thread_, false).ok());
  ASSERT_TRUE(do_edit_post(env(), owner_, opening, draft("Open talk", "Hello again")).ok());
  const std::vector<std::pair<Kind, PostId>> state{{Kind::lock, opening}, {Kind::pin, opening}, {Kind::lock, opening}};
  EXPECT_EQ(kinds(deliver(signed_in(alice_), thread_, from)), state);
  auto everything = state;
  everything.emplace_back(Kind::edit, opening);
  EXPECT_EQ(kinds(deliver(LiveViewer{}, thread_, from)), everything);
  // A lock from the moderation queue is an event too.
  const int64_t before = thread_live_position(env(), thread_);
  ModerationRequest lock;
  lock.action = ModerationAction::lock;
  ASSERT_TRUE(do_moderate_post(env(), owner_, opening, lock).ok());
  EXPECT_EQ(kinds(deliver(LiveViewer{}, thread_, before)),
            (std::vector<std::pair<Kind, PostId>>{{Kind::lock, opening}}));
  // Nobody who may not read the thread hears of it.
  const int64_t closed_from = thread_live_position(env(), private_thread_);
  ASSERT_TRUE(do_set_thread_locked(env(), owner_, private_thread_, true).ok());
  EXPECT_TRUE(deliver(LiveViewer{}, private_thread_, closed_from).gone);
  EXPECT_EQ(deliver(signed_in(bob_), private_thread_, closed_from).events.size(), 1u);
}

TEST_F(LiveEventsTest, AHeldReplyReachesOnlyItsAuthorAndModeratorsUntilApproved) {
  ModerationSettings settings;
  settings.hold_first_posts = 1;
  ASSERT_TRUE(do_save_moderation_settings(env(), owner_, public_, settings).ok());
  const AccountId newcomer = account("newcomer");
  member(newcomer, public_, "Newcomer");
  const int64_t from = thread_live_position(env(), thread_);
  const PostId held = reply(newcomer, thread_, std::nullopt, "My first words.");
  // Held: no event at all yet (nobody but the author and moderators may know of it).
  EXPECT_TRUE(deliver(signed_in(alice_), thread_, from).events.empty());
  EXPECT_EQ(thread_live_position(env(), thread_), from);

  ModerationRequest approve;
  approve.action = ModerationAction::approve;
  ASSERT_TRUE(do_moderate_post(env(), owner_, held, approve).ok());
  EXPECT_EQ(kinds(deliver(LiveViewer{}, thread_, from)), (std::vector<std::pair<Kind, PostId>>{{Kind::reply, held}}));
}

TEST_F(LiveEventsTest, AnEditOfAHeldPostIsToldOnlyToItsAuthorAndModerators) {
  ModerationSettings settings;
  settings.hold_first_posts = 1;
  ASSERT_TRUE(do_save_moderation_settings(env(), owner_, public_, settings).ok());
  const AccountId newcomer = account("newcomer");
  member(newcomer, public_, "Newcomer");
  const PostId held = reply(newcomer, thread_, std::nullopt, "My first words.");
  const int64_t from = thread_live_position(env(), thread_);
  ASSERT_TRUE(do_edit_post(env(), newcomer, held, draft("", "My first words, edited.")).ok());

  const auto to_alice = deliver(signed_in(alice_), thread_, from);
  EXPECT_TRUE(to_alice.events.empty());
  EXPECT_EQ(to_alice.position, from + 1) << "the position moves past it all the same";
  EXPECT_EQ(kinds(deliver(signed_in(newcomer), thread_, from)),
            (std::vector<std::pair<Kind, PostId>>{{Kind::edit, held}}));
  EXPECT_EQ(kinds(deliver(signed_in(owner_), thread_, from)),
            (std::vector<std::pair<Kind, PostId>>{{Kind::edit, held}}));
}

TEST_F(LiveEventsTest, PermissionsAreCheckedAtEveryDelivery) {
  const LiveViewer bob = signed_in(bob_);
  const int64_t from = thread_live_position(env(), private_thread_);
  reply(alice_, private_thread_, std::nullopt, "Only for us.");
  EXPECT_EQ(deliver(bob, private_thread_, from).events.size(), 1u);
  EXPECT_TRUE(deliver(LiveViewer{}, private_thread_, from).gone) << "guests never read a private group";
  EXPECT_TRUE(deliver(signed_in(account("stranger")), private_thread_, from).gone);

  set_status(bob_, private_, MembershipStatus::banned);
  const auto after_ban = deliver(bob, private_thread_, from);
  EXPECT_TRUE(after_ban.gone);
  EXPECT_TRUE(after_ban.events.empty());
  // The public group's stream: a ban there shuts bob out too.
  set_status(bob_, public_, MembershipStatus::banned);
  EXPECT_TRUE(deliver(bob, thread_, 0).gone);
}

TEST_F(LiveEventsTest, AnEndedSessionEndsTheStream) {
  const LiveViewer alice = signed_in(alice_);
  EXPECT_FALSE(deliver(alice, private_thread_, 0).gone);
  do_log_out(env(), tokens_.back());
  EXPECT_TRUE(deliver(alice, private_thread_, 0).gone);
  EXPECT_TRUE(deliver_member_state(env(), alice).gone);
  // Even a public thread: the stream was opened as alice, and alice is gone.
  EXPECT_TRUE(deliver(alice, thread_, 0).gone);
}

TEST_F(LiveEventsTest, AClientThatCannotBeBroughtUpToDateReloads) {
  const int64_t head = thread_live_position(env(), thread_);
  const auto future = deliver(LiveViewer{}, thread_, head + 50);
  EXPECT_TRUE(future.reset);
  EXPECT_EQ(future.position, head);

  for (int i = 0; i <= max_events_per_delivery; ++i) reply(alice_, thread_, std::nullopt, "Reply " + std::to_string(i));
  const auto far_behind = deliver(LiveViewer{}, thread_, head);
  EXPECT_TRUE(far_behind.reset);
  EXPECT_TRUE(far_behind.events.empty());
  EXPECT_EQ(far_behind.position, thread_live_position(env(), thread_));

  // Events pruned since: the first one kept is not the next one the client needs.
  const int64_t before = thread_live_position(env(), thread_);
  reply(alice_, thread_, std::nullopt, "Old news");
  clock().advance(thread_events::kept_for_ms + 1000);
  reply(alice_, thread_, std::nullopt, "New news");
  store().write([&](Connection& c) { thread_events::prune(c, clock().now() - thread_events::kept_for_ms); });
  EXPECT_TRUE(deliver(LiveViewer{}, thread_, before).reset);
  EXPECT_FALSE(deliver(LiveViewer{}, thread_, before + 1).reset);
}

TEST_F(LiveEventsTest, RecordingNotesTheGroupSoItsActivityListenersWake) {
  int wakes = 0;
  auto listener = env().changes->listen([&] { ++wakes; });
  listener->listen({{ChangeFeed::Topic::group_activity, public_}});
  reply(alice_, thread_, std::nullopt, "Hello all");
  EXPECT_EQ(wakes, 1);
  reply(alice_, private_thread_, std::nullopt, "Elsewhere");
  EXPECT_EQ(wakes, 1);
}

TEST_F(LiveEventsTest, AMembersUnreadCountFollowsPostsAndReading) {
  const LiveViewer bob = signed_in(bob_);
  const auto start_state = deliver_member_state(env(), bob);
  EXPECT_FALSE(start_state.gone);
  EXPECT_EQ(start_state.groups.size(), 2u);
  const int64_t before = start_state.unread_threads;
  ASSERT_TRUE(do_mark_thread_read(env(), bob_, thread_).ok());
  ASSERT_TRUE(do_mark_thread_read(env(), bob_, private_thread_).ok());
  EXPECT_EQ(deliver_member_state(env(), bob).unread_threads, before - 2);
  reply(alice_, thread_, std::nullopt, "News for bob");
  EXPECT_EQ(deliver_member_state(env(), bob).unread_threads, before - 1);
  set_status(bob_, public_, MembershipStatus::banned);
  const auto banned = deliver_member_state(env(), bob);
  EXPECT_EQ(banned.groups, std::vector<GroupId>{private_});
  EXPECT_EQ(banned.unread_threads, 0);
  EXPECT_TRUE(deliver_member_state(env(), LiveViewer{}).gone);
}

TEST_F(LiveEventsTest, ReadingWakesTheMembersOwnListener) {
  int wakes = 0;
  auto listener = env().changes->listen([&] { ++wakes; });
  listener->listen({{ChangeFeed::Topic::account, bob_}});
  ASSERT_TRUE(do_mark_thread_read(env(), bob_, thread_).ok());
  EXPECT_EQ(wakes, 1);
  ASSERT_TRUE(do_mark_thread_read(env(), alice_, thread_).ok());
  EXPECT_EQ(wakes, 1);
}

}  // namespace
}  // namespace hearth
