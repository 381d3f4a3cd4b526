#include "store/posts.hpp"

#include <gtest/gtest.h>

#include <set>

#include "actions/conversations_fixture.hpp"
#include "actions/posts.hpp"
#include "actions/reactions.hpp"
#include "store/threads.hpp"

namespace hearth {
namespace {

// Counts the statements a read model runs (the thread page must not run one per post).
class CountingConnection final : public Connection {
 public:
  explicit CountingConnection(Connection& inner) : inner_(inner) {}
  void execute(std::string_view sql, const std::vector<SqlValue>& params,
               const std::function<void(const Row&)>& on_row) override {
    ++statements;
    inner_.execute(sql, params, on_row);
  }
  void execute_script(std::string_view sql) override { inner_.execute_script(sql); }
  int64_t changes() override { return inner_.changes(); }
  std::string_view engine() const override { return inner_.engine(); }
  int statements = 0;

 private:
  Connection& inner_;
};

}  // namespace

TEST(BranchCursor, RoundTripsAndRejectsAnythingElse) {
  EXPECT_EQ(posts::format_branch_cursor({1'795'255'200'000, 99}), "1795255200000.99");
  const auto parsed = posts::parse_branch_cursor("1795255200000.99");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->created_at, 1'795'255'200'000);
  EXPECT_EQ(parsed->id, 99);
  for (const char* bad : {"", "1", "1.", ".1", "1.2.3", "a.1", "1.-1", "1.1 ", "99999999999999999999.1"}) {
    EXPECT_FALSE(posts::parse_branch_cursor(bad)) << bad;
  }
}

class ThreadViewTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    alice_ = account("alice");
    bob_ = account("bob");
    group_ = group(owner_, "Thread view group", "public");
    member(alice_, group_, "Alice Persona");
    member(bob_, group_, "Bob Persona");
  }
  threads::Thread thread(ThreadId id) {
    return *store().read([&](Connection& c) { return threads::find(c, id); });
  }
  posts::ThreadView view(ThreadId id, std::optional<AccountId> viewer, const std::optional<posts::BranchCursor>& after,
                         int branches, int* statements = nullptr) {
    const auto t = thread(id);
    return store().read([&](Connection& c) {
      CountingConnection counting(c);
      auto result = posts::thread_view(counting, t, viewer, after, branches);
      if (statements) *statements = counting.statements;
      return result;
    });
  }
  AccountId owner_ = 0, alice_ = 0, bob_ = 0;
  GroupId group_ = 0;
};

TEST_F(ThreadViewTest, PagesByBranchKeepingEachTreeWhole) {
  const auto t = start(alice_, group_, "Branches", "Root");
  std::vector<PostId> top;
  for (int i = 0; i < 5; ++i) {
    clock().advance(1);
    top.push_back(reply(bob_, t.thread_id, std::nullopt, "top " + std::to_string(i)));
  }
  // Late replies deep inside the first branch still come with it.
  clock().advance(1);
  const PostId late_child = reply(alice_, t.thread_id, top[0], "late child");
  clock().advance(1);
  const PostId late_grandchild = reply(bob_, t.thread_id, late_child, "late grandchild");

  const auto first = view(t.thread_id, std::nullopt, std::nullopt, 2);
  std::vector<PostId> ids;
  for (const auto& p : first.posts) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<PostId>{t.post_id, top[0], late_child, late_grandchild, top[1]}));
  ASSERT_TRUE(first.next);

  const auto second =
      view(t.thread_id, std::nullopt, posts::parse_branch_cursor(posts::format_branch_cursor(*first.next)), 2);
  ids.clear();
  for (const auto& p : second.posts) ids.push_back(p.id);
  EXPECT_EQ(ids, (std::vector<PostId>{t.post_id, top[2], top[3]})) << "the opening post heads every page";
  ASSERT_TRUE(second.next);

  const auto third = view(t.thread_id, std::nullopt, second.next, 2);
  ASSERT_EQ(third.posts.size(), 2u);
  EXPECT_EQ(third.posts[1].id, top[4]);
  EXPECT_FALSE(third.next);
}

TEST_F(ThreadViewTest, AConstantNumberOfQueriesWhateverThePageHolds) {
  // Two full pages (so both look ahead for more): 5 replies, and 50 with reactions.
  const auto small = start(alice_, group_, "Small", "Root");
  for (int i = 0; i < 5; ++i) reply(bob_, small.thread_id, std::nullopt, "one");
  int small_statements = 0;
  view(small.thread_id, alice_, std::nullopt, 5, &small_statements);

  const auto big = start(alice_, group_, "Big", "Root");
  for (int i = 0; i < 50; ++i) {
    const PostId r =
        reply(i % 2 ? bob_ : alice_, big.thread_id, std::nullopt, "reply " + std::to_string(i), i % 3 == 0);
    ASSERT_TRUE(do_react(env(), owner_, r, ReactionKind::support, true).ok());
  }
  int big_statements = 0;
  const auto page = view(big.thread_id, alice_, std::nullopt, 50, &big_statements);
  EXPECT_EQ(page.posts.size(), 51u);
  EXPECT_EQ(big_statements, small_statements) << "no query per post";
  EXPECT_LE(big_statements, 3);
}

TEST_F(ThreadViewTest, ReactionCountsAndTheViewersOwn) {
  const auto t = start(alice_, group_, "Reactions", "Root");
  const PostId r = reply(bob_, t.thread_id, std::nullopt, "reply");
  ASSERT_TRUE(do_react(env(), alice_, r, ReactionKind::helped, true).ok());
  ASSERT_TRUE(do_react(env(), owner_, r, ReactionKind::helped, true).ok());
  ASSERT_TRUE(do_react(env(), owner_, r, ReactionKind::me_too, true).ok());
  ASSERT_TRUE(do_react(env(), bob_, t.post_id, ReactionKind::support, true).ok());
  const auto as_alice = view(t.thread_id, alice_, std::nullopt, 50);
  ASSERT_EQ(as_alice.posts.size(), 2u);
  const auto& opening = as_alice.posts[0];
  const auto& answer = as_alice.posts[1];
  EXPECT_EQ(opening.reaction_count(ReactionKind::support), 1);
  EXPECT_FALSE(opening.reacted(ReactionKind::support));
  EXPECT_EQ(answer.reaction_count(ReactionKind::helped), 2);
  EXPECT_EQ(answer.reaction_count(ReactionKind::me_too), 1);
  EXPECT_EQ(answer.reaction_count(ReactionKind::support), 0);
  EXPECT_TRUE(answer.reacted(ReactionKind::helped));
  EXPECT_FALSE(answer.reacted(ReactionKind::me_too));
  const auto as_guest = view(t.thread_id, std::nullopt, std::nullopt, 50);
  EXPECT_EQ(as_guest.posts[1].reaction_count(ReactionKind::helped), 2);
  EXPECT_FALSE(as_guest.posts[1].reacted(ReactionKind::helped));
}

TEST_F(ThreadViewTest, PostsCarryTheirDisplayFields) {
  const auto t = start(alice_, group_, "Fields", "Root");
  const auto created = clock().now();
  const auto cw = do_reply(env(), bob_, t.thread_id, std::nullopt, draft("", "Heavy stuff", false, "grief"), key());
  ASSERT_TRUE(cw.ok());
  clock().advance(5'000);
  ASSERT_TRUE(do_edit_post(env(), bob_, *cw, draft("", "Heavy stuff, edited", false, "grief")).ok());
  const auto v = view(t.thread_id, std::nullopt, std::nullopt, 50);
  ASSERT_EQ(v.posts.size(), 2u);
  const auto& p = v.posts[1];
  EXPECT_EQ(p.body_html, "<p>Heavy stuff, edited</p>\n");
  EXPECT_EQ(p.content_warning, "grief");
  EXPECT_EQ(p.created_at, created);
  EXPECT_EQ(p.edited_at, clock().now());
  EXPECT_EQ(p.parent_id, t.post_id);
  EXPECT_EQ(p.depth, 1);
  EXPECT_EQ(p.author.persona_name, "Bob Persona");
  EXPECT_EQ(p.author.role, Role::member);
  EXPECT_FALSE(p.author.anonymous);
  EXPECT_FALSE(p.removed);
}

TEST_F(ThreadViewTest, AnAuthorWhoLeftKeepsTheirNameButLosesTheirBadge) {
  const auto t = start(alice_, group_, "Left", "Root");
  reply(bob_, t.thread_id, std::nullopt, "bye");
  store().write([&](Connection& c) { c.run("DELETE FROM memberships WHERE account_id = ?", {bob_}); });
  const auto v = view(t.thread_id, std::nullopt, std::nullopt, 50);
  EXPECT_EQ(v.posts[1].author.persona_name, "Bob Persona");
  EXPECT_FALSE(v.posts[1].author.role);
}

}  // namespace hearth

namespace hearth {

// The transparency card's "waited for review" share: every hold counts, and the filters'
// holds (word filters, third-party guard) are counted apart. held_reason stays after approval.
TEST_F(ThreadViewTest, HeldShareCountsEveryHoldAndTheFiltersApart) {
  const auto t = start(alice_, group_, "Held", "Root");
  std::vector<PostId> replies;
  for (int i = 0; i < 9; ++i) replies.push_back(reply(bob_, t.thread_id, std::nullopt, "reply " + std::to_string(i)));
  const std::pair<int, const char*> reasons[] = {{0, "filter"}, {1, "third_party"}, {2, "new_member"}, {3, "anonymous"}};
  store().write([&](Connection& c) {
    for (const auto& [index, reason] : reasons) {
      c.execute("UPDATE posts SET held_reason = ? WHERE id = ?", {std::string(reason), replies[index]},
                [](const Row&) {});
    }
  });
  const auto since = clock().now() - 1000;
  const auto share = store().read([&](Connection& c) { return posts::held_share_since(c, group_, since); });
  EXPECT_EQ(share.posts, 10);
  EXPECT_EQ(share.held, 4);
  EXPECT_EQ(share.by_filters, 2);
  clock().advance(2000);
  const auto later = store().read([&](Connection& c) { return posts::held_share_since(c, group_, clock().now()); });
  EXPECT_EQ(later.posts, 0) << "only posts written since";
}

}  // namespace hearth
