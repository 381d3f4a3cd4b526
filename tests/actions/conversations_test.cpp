#include "actions/conversations.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "actions/reading.hpp"
#include "actions/search.hpp"
#include "policy/group_access.hpp"

namespace hearth {

class ConversationsTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    writer_ = account("writer");
    reader_ = account("reader");
    group_ = group(owner_, "OCD support", "private");
    // A writer who is a moderator and trained volunteer: none of that may show on an
    // anonymous post either.
    writer_persona_ = member(writer_, group_, "Traceable Persona", MembershipStatus::active, Role::moderator);
    store().write(
        [&](Connection& c) { c.run("UPDATE memberships SET trained_volunteer = 1 WHERE account_id = ?", {writer_}); });
    member(reader_, group_, "Reading Reed");
  }
  AccountId owner_ = 0, writer_ = 0, reader_ = 0;
  GroupId group_ = 0;
  PersonaId writer_persona_ = 0;
};

TEST_F(ConversationsTest, NoReadModelShowsAnAnonymousAuthor) {
  const auto t = start(writer_, group_, "Intrusive thoughts", "Checking the stove again", true);
  const PostId r = reply(writer_, t.thread_id, std::nullopt, "Checking the door too", true);
  const PostId named = reply(writer_, t.thread_id, std::nullopt, "Signed reply", false);

  for (const std::optional<AccountId> viewer :
       {std::optional(reader_), std::optional(owner_), std::optional(writer_)}) {
    const auto page = read_thread(env(), t.thread_id, viewer, std::nullopt, 50);
    ASSERT_TRUE(page);
    EXPECT_TRUE(page->summary.author.anonymous);
    EXPECT_EQ(page->summary.author.anonymous_label, "A");
    EXPECT_EQ(page->summary.author.persona_id, 0);
    EXPECT_EQ(page->summary.author.persona_name, "");
    EXPECT_FALSE(page->summary.author.role);
    EXPECT_FALSE(page->summary.author.trained_volunteer);
    for (const auto& post : page->view.posts) {
      if (post.id == named) {
        EXPECT_EQ(post.author.persona_name, "Traceable Persona");
        EXPECT_EQ(post.author.role, Role::moderator);
        EXPECT_TRUE(post.author.trained_volunteer);
        continue;
      }
      EXPECT_TRUE(post.author.anonymous);
      EXPECT_EQ(post.author.anonymous_label, "A");
      EXPECT_EQ(post.author.persona_id, 0);
      EXPECT_EQ(post.author.persona_name, "");
      EXPECT_FALSE(post.author.role);
      EXPECT_FALSE(post.author.trained_volunteer);
      // Only the author learns it is theirs, through policy.
      const bool viewer_is_author = viewer && *viewer == post.author_account_id;
      EXPECT_EQ(can_see_author(post.author.anonymous, viewer_is_author), viewer == std::optional(writer_));
    }
  }
  const auto list = read_group_threads(env(), group_, reader_, std::nullopt, 20);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->threads.size(), 1u);
  EXPECT_EQ(list->threads[0].author.persona_name, "");
  EXPECT_EQ(list->threads[0].author.persona_id, 0);
  EXPECT_FALSE(list->threads[0].author.role);
  for (const auto& hit : search_posts(env(), reader_, "checking", std::nullopt, 10)) {
    EXPECT_EQ(hit.author.persona_name, "");
    EXPECT_EQ(hit.author.persona_id, 0);
  }
  EXPECT_EQ(search_posts(env(), reader_, "checking", std::nullopt, 10).size(), 2u);
  EXPECT_NE(r, 0);
}

TEST_F(ConversationsTest, ReadsAnswerNotFoundToThoseWhoMayNotRead) {
  const auto t = start(owner_, group_, "Members only", "Text");
  const AccountId outsider = account("outsider");
  EXPECT_FALSE(read_thread(env(), t.thread_id, std::nullopt, std::nullopt, 50));
  EXPECT_FALSE(read_thread(env(), t.thread_id, outsider, std::nullopt, 50));
  EXPECT_FALSE(read_group_threads(env(), group_, outsider, std::nullopt, 20));
  EXPECT_TRUE(read_thread(env(), t.thread_id, reader_, std::nullopt, 50));
  set_status(reader_, group_, MembershipStatus::banned);
  EXPECT_FALSE(read_thread(env(), t.thread_id, reader_, std::nullopt, 50));
  const GroupId open = group(owner_, "Open group", "public");
  const auto open_thread = start(owner_, open, "Open", "Text");
  EXPECT_TRUE(read_thread(env(), open_thread.thread_id, std::nullopt, std::nullopt, 50)) << "guests read public groups";
  EXPECT_TRUE(read_group_threads(env(), open, std::nullopt, std::nullopt, 20));
}

TEST_F(ConversationsTest, ThreadedRepliesComeInDisplayOrder) {
  const auto t = start(owner_, group_, "Tree", "Root");
  clock().advance(1);
  const PostId a = reply(reader_, t.thread_id, std::nullopt, "a");
  clock().advance(1);
  const PostId b = reply(writer_, t.thread_id, std::nullopt, "b");
  clock().advance(1);
  const PostId a1 = reply(writer_, t.thread_id, a, "a1");
  clock().advance(1);
  const PostId b1 = reply(reader_, t.thread_id, b, "b1");
  clock().advance(1);
  const PostId a1x = reply(owner_, t.thread_id, a1, "a1x");
  clock().advance(1);
  const PostId a2 = reply(owner_, t.thread_id, a, "a2");
  const auto page = read_thread(env(), t.thread_id, reader_, std::nullopt, 50);
  ASSERT_TRUE(page);
  std::vector<PostId> order;
  std::vector<int> depths;
  for (const auto& p : page->view.posts) {
    order.push_back(p.id);
    depths.push_back(p.depth);
  }
  EXPECT_EQ(order, (std::vector<PostId>{t.post_id, a, a1, a1x, a2, b, b1}));
  EXPECT_EQ(depths, (std::vector<int>{0, 1, 2, 3, 2, 1, 2}));
}

}  // namespace hearth
