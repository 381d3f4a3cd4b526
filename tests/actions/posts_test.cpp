#include "actions/posts.hpp"

#include <gtest/gtest.h>

#include "actions/conversations.hpp"
#include "actions/conversations_fixture.hpp"
#include "actions/reactions.hpp"
#include "actions/search.hpp"
#include "store/posts.hpp"
#include "store/threads.hpp"

namespace hearth {

class PostsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    group_ = group(owner_, "New parents", "public");
    member(alice_, group_, "Sleepy Otter");
    member(bob_, group_, "Bright Finch");
  }
  std::optional<posts::Post> post(PostId id) {
    return store().read([&](Connection& c) { return posts::find(c, id); });
  }
  std::optional<threads::Thread> thread(ThreadId id) {
    return store().read([&](Connection& c) { return threads::find(c, id); });
  }
  const posts::PostView* in_view(const ThreadPageView& page, PostId id) {
    for (const auto& p : page.view.posts) {
      if (p.id == id) return &p;
    }
    return nullptr;
  }
  AccountId owner_ = 0, alice_ = 0, bob_ = 0;
  GroupId group_ = 0;
};

TEST_F(PostsTest, EditKeepsThePreviousVersionAndMarksEdited) {
  const auto t = start(alice_, group_, "First night home", "We made it through.");
  clock().advance(60'000);
  ASSERT_TRUE(
      do_edit_post(env(), alice_, t.post_id, draft("First nights home", "We made it through, just.", false, "tired"))
          .ok());
  const auto p = post(t.post_id);
  EXPECT_EQ(p->body, "We made it through, just.");
  EXPECT_EQ(p->content_warning, "tired");
  EXPECT_EQ(p->edited_at, clock().now());
  EXPECT_EQ(thread(t.thread_id)->title, "First nights home");
  const auto history = read_revisions(env(), alice_, t.post_id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].title, "First night home");
  EXPECT_EQ((*history)[0].body, "We made it through.");
  EXPECT_EQ((*history)[0].content_warning, "");
  // A second edit keeps both earlier versions, newest first.
  clock().advance(1'000);
  ASSERT_TRUE(do_edit_post(env(), alice_, t.post_id, draft("First nights home", "Third version")).ok());
  const auto both = read_revisions(env(), alice_, t.post_id);
  ASSERT_EQ(both->size(), 2u);
  EXPECT_EQ((*both)[0].body, "We made it through, just.");
  EXPECT_EQ((*both)[1].body, "We made it through.");
}

TEST_F(PostsTest, EditReindexesSearch) {
  const auto t = start(alice_, group_, "Feeding", "Bottles at night");
  ASSERT_TRUE(do_edit_post(env(), alice_, t.post_id, draft("Feeding", "Breastfeeding questions")).ok());
  EXPECT_TRUE(search_posts(env(), std::nullopt, "bottles", std::nullopt, 10).empty());
  EXPECT_EQ(search_posts(env(), std::nullopt, "breastfeeding", std::nullopt, 10).size(), 1u);
}

TEST_F(PostsTest, UnchangedEditAddsNoVersion) {
  const auto t = start(alice_, group_, "Same", "Same text");
  ASSERT_TRUE(do_edit_post(env(), alice_, t.post_id, draft("Same", "  Same text  ")).ok());
  EXPECT_FALSE(post(t.post_id)->edited_at);
  EXPECT_EQ(count("SELECT COUNT(*) FROM post_revisions"), 0);
}

TEST_F(PostsTest, ReplyEditsNeedNoTitleAndKeepAnonymity) {
  const auto t = start(alice_, group_, "Thread", "Text");
  const PostId r = reply(bob_, t.thread_id, std::nullopt, "Anonymous reply", true);
  ASSERT_TRUE(do_edit_post(env(), bob_, r, draft("", "Edited reply", false)).ok());
  const auto p = post(r);
  EXPECT_EQ(p->body, "Edited reply");
  EXPECT_TRUE(p->anonymous) << "editing never reveals an anonymous author";
  const auto history = read_revisions(env(), bob_, r);
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ((*history)[0].title, "");
}

TEST_F(PostsTest, OnlyTheAuthorEdits) {
  const auto t = start(alice_, group_, "Mine", "Mine");
  expect_error(do_edit_post(env(), bob_, t.post_id, draft("Yours", "Yours")), ErrorCode::forbidden);
  expect_error(do_edit_post(env(), owner_, t.post_id, draft("Admin", "Admin")), ErrorCode::forbidden);
  expect_error(do_edit_post(env(), alice_, 31337, draft("X", "X")), ErrorCode::not_found);
  expect_error(do_edit_post(env(), alice_, t.post_id, draft("", "No title")), ErrorCode::invalid_input);
  EXPECT_EQ(post(t.post_id)->body, "Mine");
  set_status(alice_, group_, MembershipStatus::banned);
  expect_error(do_edit_post(env(), alice_, t.post_id, draft("Mine", "Changed")), ErrorCode::not_found);
}

TEST_F(PostsTest, RevisionsAreForTheAuthorAndModeratorsOnly) {
  const auto t = start(alice_, group_, "History", "v1");
  ASSERT_TRUE(do_edit_post(env(), alice_, t.post_id, draft("History", "v2")).ok());
  expect_error(read_revisions(env(), bob_, t.post_id), ErrorCode::forbidden);
  EXPECT_TRUE(read_revisions(env(), owner_, t.post_id).ok()) << "the owner moderates";
  const AccountId stranger = account("stranger");
  expect_error(read_revisions(env(), stranger, t.post_id), ErrorCode::forbidden);
}

TEST_F(PostsTest, DeleteHidesTheBodyFromEveryoneAndLeavesSearch) {
  const auto t = start(alice_, group_, "Thread", "Opening");
  const PostId r = reply(bob_, t.thread_id, std::nullopt, "Something I regret saying", false);
  ASSERT_TRUE(do_react(env(), alice_, r, ReactionKind::support, true).ok());
  ASSERT_EQ(search_posts(env(), std::nullopt, "regret", std::nullopt, 10).size(), 1u);
  expect_error(do_delete_post(env(), alice_, r), ErrorCode::forbidden);
  ASSERT_TRUE(do_delete_post(env(), bob_, r).ok());
  EXPECT_TRUE(do_delete_post(env(), bob_, r).ok()) << "a second click is harmless";
  const auto p = post(r);
  ASSERT_TRUE(p) << "the row stays, shown as removed by its author";
  EXPECT_TRUE(p->deleted_at);
  EXPECT_TRUE(search_posts(env(), std::nullopt, "regret", std::nullopt, 10).empty());
  for (const std::optional<AccountId> viewer :
       {std::optional<AccountId>(), std::optional(alice_), std::optional(bob_), std::optional(owner_)}) {
    const auto page = read_thread(env(), t.thread_id, viewer, std::nullopt, 50);
    ASSERT_TRUE(page);
    const auto* removed = in_view(*page, r);
    ASSERT_NE(removed, nullptr);
    EXPECT_TRUE(removed->removed);
    EXPECT_EQ(removed->body_html, "");
    EXPECT_EQ(removed->author.persona_name, "");
    EXPECT_EQ(removed->author.persona_id, 0);
    EXPECT_EQ(removed->reaction_count(ReactionKind::support), 0);
  }
  expect_error(read_revisions(env(), bob_, r), ErrorCode::not_found);
  expect_error(do_edit_post(env(), bob_, r, draft("", "Back again")), ErrorCode::conflict);
  expect_error(do_react(env(), alice_, r, ReactionKind::me_too, true), ErrorCode::conflict);
  EXPECT_EQ(thread(t.thread_id)->post_count, 2) << "the removed post keeps its place";
}

TEST_F(PostsTest, RemovingTheOpeningPostHidesTheTitle) {
  const auto t = start(alice_, group_, "A title I want gone", "Opening");
  reply(bob_, t.thread_id, std::nullopt, "A reply that stays");
  ASSERT_TRUE(do_delete_post(env(), alice_, t.post_id).ok());
  const auto page = read_thread(env(), t.thread_id, bob_, std::nullopt, 50);
  ASSERT_TRUE(page);
  EXPECT_TRUE(page->summary.opening_removed);
  EXPECT_EQ(page->summary.title, "");
  EXPECT_EQ(page->view.posts.size(), 2u);
  EXPECT_TRUE(search_posts(env(), std::nullopt, "gone", std::nullopt, 10).empty());
  const auto hits = search_posts(env(), std::nullopt, "stays", std::nullopt, 10);
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].thread_title, "");
}

TEST_F(PostsTest, DeleteIsForTheAuthorOnlyAndHiddenGroupsStayHidden) {
  const GroupId hidden = group(owner_, "Hidden circle", "hidden");
  const auto t = start(owner_, hidden, "Secret", "Secret");
  const auto attempt = do_delete_post(env(), alice_, t.post_id);
  expect_error(attempt, ErrorCode::not_found);
  EXPECT_EQ(attempt.error().message, do_delete_post(env(), alice_, 9090).error().message);
  EXPECT_FALSE(post(t.post_id)->deleted_at);
}

}  // namespace hearth
