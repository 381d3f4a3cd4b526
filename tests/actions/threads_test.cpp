#include "actions/threads.hpp"

#include <gtest/gtest.h>

#include "actions/conversations.hpp"
#include "actions/conversations_fixture.hpp"
#include "store/posts.hpp"
#include "store/thread_reads.hpp"
#include "store/threads.hpp"

namespace hearth {

class ThreadsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    public_ = group(owner_, "Carers together", "public");
    member(alice_, public_, "Quiet Heron");
    member(bob_, public_, "Gentle Fern");
  }
  std::optional<posts::Post> post(PostId id) {
    return store().read([&](Connection& c) { return posts::find(c, id); });
  }
  std::optional<threads::Thread> thread(ThreadId id) {
    return store().read([&](Connection& c) { return threads::find(c, id); });
  }
  AccountId owner_ = 0, alice_ = 0, bob_ = 0;
  GroupId public_ = 0;
};

TEST_F(ThreadsTest, StartThreadWritesThreadPostCountsAndReadState) {
  clock().advance(60'000);
  const auto started = do_start_thread(
      env(), alice_, public_, draft("  Evenings are hard  ", "How do you all wind down?", false, "sleep"), "form-0001");
  ASSERT_TRUE(started.ok()) << started.error().message;
  const auto t = thread(started->thread_id);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->title, "Evenings are hard");
  EXPECT_EQ(t->group_id, public_);
  EXPECT_EQ(t->opening_post_id, started->post_id);
  EXPECT_EQ(t->post_count, 1);
  EXPECT_EQ(t->last_activity_at, clock().now());
  const auto p = post(started->post_id);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->depth, 0);
  EXPECT_FALSE(p->parent_id);
  EXPECT_EQ(p->body, "How do you all wind down?");
  EXPECT_EQ(p->content_warning, "sleep");
  EXPECT_FALSE(p->anonymous);
  EXPECT_EQ(count("SELECT last_activity_at FROM support_groups WHERE id = ?", {public_}), clock().now());
  const auto state = store().read([&](Connection& c) { return thread_reads::find(c, alice_, started->thread_id); });
  ASSERT_TRUE(state);
  EXPECT_EQ(state->seen_post_count, 1);
  EXPECT_TRUE(state->following) << "the author follows their own thread";
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_search_rows WHERE post_id = ?", {started->post_id}), 1);
}

TEST_F(ThreadsTest, DoubleSubmitCreatesExactlyOneThread) {
  const auto form = draft("Is this normal?", "Asking for myself.");
  const auto first = do_start_thread(env(), alice_, public_, form, "same-form-token");
  const auto second = do_start_thread(env(), alice_, public_, form, "same-form-token");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(first->thread_id, second->thread_id);
  EXPECT_EQ(first->post_id, second->post_id);
  EXPECT_EQ(count("SELECT COUNT(*) FROM threads WHERE group_id = ?", {public_}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE group_id = ?", {public_}), 1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_search"), 1);
  // Another member may happen to send the same token: it is theirs, a separate post.
  const auto other = do_start_thread(env(), bob_, public_, form, "same-form-token");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(other->thread_id, first->thread_id);
}

TEST_F(ThreadsTest, DoubleSubmitOfAReplyCreatesExactlyOnePost) {
  const auto t = start(alice_, public_, "Morning", "Hello");
  const auto form = draft("", "Good morning!");
  const auto first = do_reply(env(), bob_, t.thread_id, std::nullopt, form, "reply-form-1");
  const auto again = do_reply(env(), bob_, t.thread_id, std::nullopt, form, "reply-form-1");
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(*first, *again);
  EXPECT_EQ(thread(t.thread_id)->post_count, 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE thread_id = ?", {t.thread_id}), 2);
  // The same token can't be turned into a thread, or into a reply elsewhere.
  expect_error(do_start_thread(env(), bob_, public_, draft("T", "B"), "reply-form-1"), ErrorCode::conflict);
  const auto other = start(alice_, public_, "Other", "Other");
  expect_error(do_reply(env(), bob_, other.thread_id, std::nullopt, form, "reply-form-1"), ErrorCode::conflict);
}

TEST_F(ThreadsTest, IdempotencyKeyIsLengthChecked) {
  expect_error(do_start_thread(env(), alice_, public_, draft("T", "B"), "short"), ErrorCode::invalid_input);
  expect_error(do_start_thread(env(), alice_, public_, draft("T", "B"), std::string(101, 'k')),
               ErrorCode::invalid_input);
  expect_error(do_start_thread(env(), alice_, public_, draft("T", "B"), "has space in it"), ErrorCode::invalid_input);
  EXPECT_TRUE(do_start_thread(env(), alice_, public_, draft("T", "B"), std::string(100, 'k')).ok());
  EXPECT_TRUE(do_start_thread(env(), alice_, public_, draft("T", "B"), "12345678").ok());
}

TEST_F(ThreadsTest, DraftsAreValidatedWithAField) {
  const auto no_title = do_start_thread(env(), alice_, public_, draft("  ", "Body"), key());
  expect_error(no_title, ErrorCode::invalid_input);
  EXPECT_EQ(no_title.error().field, "title");
  const auto long_title = do_start_thread(env(), alice_, public_, draft(std::string(151, 't'), "Body"), key());
  expect_error(long_title, ErrorCode::invalid_input);
  EXPECT_EQ(long_title.error().field, "title");
  const auto long_body = do_start_thread(env(), alice_, public_, draft("T", std::string(20'001, 'b')), key());
  expect_error(long_body, ErrorCode::invalid_input);
  EXPECT_EQ(long_body.error().field, "body");
  const auto long_warning =
      do_start_thread(env(), alice_, public_, draft("T", "B", false, std::string(81, 'w')), key());
  expect_error(long_warning, ErrorCode::invalid_input);
  EXPECT_EQ(long_warning.error().field, "content_warning");
  const auto t = start(alice_, public_, "Fine", "Fine");
  const auto empty_reply = do_reply(env(), bob_, t.thread_id, std::nullopt, draft("", "   "), key());
  expect_error(empty_reply, ErrorCode::invalid_input);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts"), 1) << "nothing half-written";
}

TEST_F(ThreadsTest, OnlyActiveMembersStartThreads) {
  const AccountId stranger = account("stranger");
  const AccountId waiting = account("waiting");
  const AccountId banned = account("banned");
  member(waiting, public_, "Waiting One", MembershipStatus::pending);
  member(banned, public_, "Banned One", MembershipStatus::banned);
  expect_error(do_start_thread(env(), stranger, public_, draft("T", "B"), key()), ErrorCode::forbidden);
  const auto pending = do_start_thread(env(), waiting, public_, draft("T", "B"), key());
  expect_error(pending, ErrorCode::forbidden);
  EXPECT_NE(pending.error().message.find("waiting"), std::string::npos);
  expect_error(do_start_thread(env(), banned, public_, draft("T", "B"), key()), ErrorCode::forbidden);
  expect_error(do_start_thread(env(), alice_, 424242, draft("T", "B"), key()), ErrorCode::not_found);
  EXPECT_EQ(count("SELECT COUNT(*) FROM threads"), 0);
}

TEST_F(ThreadsTest, HiddenGroupIsNotFoundForNonMembers) {
  const GroupId hidden = group(owner_, "Quiet room", "hidden");
  const auto missing = do_start_thread(env(), alice_, 987654, draft("T", "B"), key());
  const auto hidden_attempt = do_start_thread(env(), alice_, hidden, draft("T", "B"), key());
  expect_error(hidden_attempt, ErrorCode::not_found);
  EXPECT_EQ(hidden_attempt.error().message, missing.error().message) << "must not reveal that the group exists";
  const auto t = start(owner_, hidden, "Inside", "Only for us");
  const auto reply_attempt = do_reply(env(), alice_, t.thread_id, std::nullopt, draft("", "Hi"), key());
  const auto reply_missing = do_reply(env(), alice_, 123456789, std::nullopt, draft("", "Hi"), key());
  expect_error(reply_attempt, ErrorCode::not_found);
  EXPECT_EQ(reply_attempt.error().message, reply_missing.error().message);
  // A pending applicant of a hidden group sees it no more than anyone else.
  const AccountId applicant = account("applicant");
  member(applicant, hidden, "Applicant", MembershipStatus::pending);
  expect_error(do_reply(env(), applicant, t.thread_id, std::nullopt, draft("", "Hi"), key()), ErrorCode::not_found);
}

TEST_F(ThreadsTest, PrivateGroupContentIsNotFoundForNonMembers) {
  const GroupId priv = group(owner_, "Private circle", "private");
  const auto t = start(owner_, priv, "Members only", "Text");
  expect_error(do_reply(env(), alice_, t.thread_id, std::nullopt, draft("", "Hi"), key()), ErrorCode::not_found);
  member(alice_, priv, "Circle Heron");
  EXPECT_TRUE(do_reply(env(), alice_, t.thread_id, std::nullopt, draft("", "Hi"), key()).ok());
}

TEST_F(ThreadsTest, AnonymousOnlyWhereTheGroupAllowsIt) {
  const GroupId named_only = group(owner_, "Named only", "public", false);
  member(alice_, named_only, "Heron Named");
  const auto refused = do_start_thread(env(), alice_, named_only, draft("T", "B", true), key());
  expect_error(refused, ErrorCode::invalid_input);
  EXPECT_EQ(refused.error().field, "anonymous");
  const auto t = start(alice_, named_only, "T", "B");
  expect_error(do_reply(env(), alice_, t.thread_id, std::nullopt, draft("", "B", true), key()),
               ErrorCode::invalid_input);
  EXPECT_EQ(count("SELECT COUNT(*) FROM posts WHERE anonymous = 1"), 0);
}

TEST_F(ThreadsTest, AnonymousLabelsAreStablePerAuthorDistinctPerThread) {
  const auto t = start(alice_, public_, "Hard day", "Today was hard", true);
  EXPECT_EQ(post(t.post_id)->anonymous_label, "A");
  const PostId bob1 = reply(bob_, t.thread_id, std::nullopt, "Same here", true);
  const PostId alice2 = reply(alice_, t.thread_id, bob1, "Thank you", true);
  const PostId bob2 = reply(bob_, t.thread_id, alice2, "Any time", true);
  const PostId named = reply(owner_, t.thread_id, std::nullopt, "Welcome", false);
  EXPECT_EQ(post(bob1)->anonymous_label, "B");
  EXPECT_EQ(post(alice2)->anonymous_label, "A");
  EXPECT_EQ(post(bob2)->anonymous_label, "B");
  EXPECT_EQ(post(named)->anonymous_label, "");
  // Another thread starts again at A, whoever comes first.
  const auto other = start(bob_, public_, "New one", "Hello", true);
  EXPECT_EQ(post(other.post_id)->anonymous_label, "A");
  EXPECT_EQ(post(reply(alice_, other.thread_id, std::nullopt, "Hi", true))->anonymous_label, "B");
}

TEST_F(ThreadsTest, RepliesNestToDepthThreeAndNoDeeper) {
  const auto t = start(alice_, public_, "Nesting", "Root");
  const PostId d1 = reply(bob_, t.thread_id, std::nullopt, "depth 1");
  const PostId d2 = reply(alice_, t.thread_id, d1, "depth 2");
  const PostId d3 = reply(bob_, t.thread_id, d2, "depth 3");
  const PostId beside = reply(alice_, t.thread_id, d3, "answering depth 3");
  EXPECT_EQ(post(d1)->depth, 1);
  EXPECT_EQ(post(d1)->parent_id, t.post_id);
  EXPECT_EQ(post(d1)->branch_id, d1);
  EXPECT_EQ(post(d2)->depth, 2);
  EXPECT_EQ(post(d2)->parent_id, d1);
  EXPECT_EQ(post(d3)->depth, 3);
  EXPECT_EQ(post(d3)->branch_id, d1);
  EXPECT_EQ(post(beside)->depth, 3) << "never deeper than max_reply_depth";
  EXPECT_EQ(post(beside)->parent_id, d2) << "placed beside the post it answers";
  EXPECT_EQ(post(beside)->branch_id, d1);
  EXPECT_EQ(thread(t.thread_id)->post_count, 5);
}

TEST_F(ThreadsTest, ReplyToAPostOfAnotherThreadIsRefused) {
  const auto t1 = start(alice_, public_, "One", "One");
  const auto t2 = start(alice_, public_, "Two", "Two");
  const auto wrong = do_reply(env(), bob_, t1.thread_id, t2.post_id, draft("", "Hi"), key());
  expect_error(wrong, ErrorCode::not_found);
  EXPECT_EQ(wrong.error().field, "parent");
  expect_error(do_reply(env(), bob_, t1.thread_id, 5555, draft("", "Hi"), key()), ErrorCode::not_found);
}

TEST_F(ThreadsTest, ReplyMovesActivityAndMarksTheAuthorsReadState) {
  const auto t = start(alice_, public_, "Activity", "Start");
  clock().advance(5'000);
  reply(bob_, t.thread_id, std::nullopt, "One");
  const auto after = thread(t.thread_id);
  EXPECT_EQ(after->post_count, 2);
  EXPECT_EQ(after->last_activity_at, clock().now());
  EXPECT_EQ(count("SELECT last_activity_at FROM support_groups WHERE id = ?", {public_}), clock().now());
  const auto bob_state = store().read([&](Connection& c) { return thread_reads::find(c, bob_, t.thread_id); });
  ASSERT_TRUE(bob_state);
  EXPECT_EQ(bob_state->seen_post_count, 2);
  EXPECT_FALSE(bob_state->following) << "replying doesn't subscribe anyone";
}

TEST_F(ThreadsTest, LockedThreadsTakeRepliesFromModeratorsOnly) {
  const AccountId moderator = account("moderator");
  member(moderator, public_, "Steady Oak", MembershipStatus::active, Role::moderator);
  const auto t = start(alice_, public_, "Lock me", "Text");
  expect_error(do_set_thread_locked(env(), bob_, t.thread_id, true), ErrorCode::forbidden);
  ASSERT_TRUE(do_set_thread_locked(env(), moderator, t.thread_id, true).ok());
  EXPECT_TRUE(thread(t.thread_id)->locked);
  const auto refused = do_reply(env(), bob_, t.thread_id, std::nullopt, draft("", "Hi"), key());
  expect_error(refused, ErrorCode::forbidden);
  EXPECT_NE(refused.error().message.find("locked"), std::string::npos);
  EXPECT_TRUE(do_reply(env(), moderator, t.thread_id, std::nullopt, draft("", "Closing this"), key()).ok());
  ASSERT_TRUE(do_set_thread_locked(env(), moderator, t.thread_id, false).ok());
  EXPECT_TRUE(do_reply(env(), bob_, t.thread_id, std::nullopt, draft("", "Hi"), key()).ok());
  EXPECT_EQ(count("SELECT COUNT(*) FROM moderation_log WHERE group_id = ?", {public_}), 2);
}

TEST_F(ThreadsTest, ModeratorsPinThreads) {
  const auto t = start(alice_, public_, "Pin me", "Text");
  expect_error(do_set_thread_pinned(env(), alice_, t.thread_id, true), ErrorCode::forbidden);
  ASSERT_TRUE(do_set_thread_pinned(env(), owner_, t.thread_id, true).ok());
  EXPECT_TRUE(thread(t.thread_id)->pinned);
}

TEST_F(ThreadsTest, BannedMemberCanNoLongerReply) {
  const auto t = start(alice_, public_, "Before", "Text");
  set_status(bob_, public_, MembershipStatus::banned);
  expect_error(do_reply(env(), bob_, t.thread_id, std::nullopt, draft("", "Hi"), key()), ErrorCode::not_found);
}

}  // namespace hearth
