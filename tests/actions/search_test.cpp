#include "actions/search.hpp"

#include <gtest/gtest.h>

#include <set>

#include "actions/conversations_fixture.hpp"
#include "actions/posts.hpp"

namespace hearth {

class SearchTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    member_ = account("member");
    outsider_ = account("outsider");
    public_ = group(owner_, "Public garden", "public");
    private_ = group(owner_, "Private garden", "private");
    hidden_ = group(owner_, "Hidden garden", "hidden");
    member(member_, public_, "Rose Member");
    member(member_, private_, "Rose Private");
    member(member_, hidden_, "Rose Hidden");
    pub_ = start(owner_, public_, "Tomatoes in public", "Our tomatoes ripen slowly");
    priv_ = start(owner_, private_, "Tomatoes in private", "Private tomatoes ripen slowly");
    hid_ = start(owner_, hidden_, "Tomatoes in hidden", "Hidden tomatoes ripen slowly");
  }
  std::set<GroupId> groups_found(std::optional<AccountId> viewer, const std::string& text,
                                 std::optional<GroupId> only = std::nullopt) {
    std::set<GroupId> found;
    for (const auto& hit : search_posts(env(), viewer, text, only, search::max_results)) found.insert(hit.group_id);
    return found;
  }
  AccountId owner_ = 0, member_ = 0, outsider_ = 0;
  GroupId public_ = 0, private_ = 0, hidden_ = 0;
  NewThread pub_, priv_, hid_;
};

TEST_F(SearchTest, GuestsAndOutsidersFindOnlyPublicContent) {
  EXPECT_EQ(groups_found(std::nullopt, "tomatoes"), std::set<GroupId>{public_});
  EXPECT_EQ(groups_found(outsider_, "tomatoes"), std::set<GroupId>{public_});
  EXPECT_EQ(groups_found(outsider_, "hidden tomatoes"), std::set<GroupId>{}) << "hidden words must not leak";
}

TEST_F(SearchTest, ActiveMembersFindTheirGroupsContent) {
  EXPECT_EQ(groups_found(member_, "tomatoes"), (std::set<GroupId>{public_, private_, hidden_}));
  EXPECT_EQ(groups_found(owner_, "tomatoes"), (std::set<GroupId>{public_, private_, hidden_}));
}

TEST_F(SearchTest, PendingAndBannedMembersAreOutsiders) {
  const AccountId applicant = account("applicant");
  member(applicant, private_, "Applicant", MembershipStatus::pending);
  member(applicant, hidden_, "Applicant Hidden", MembershipStatus::pending);
  EXPECT_EQ(groups_found(applicant, "tomatoes"), std::set<GroupId>{public_});
  set_status(member_, public_, MembershipStatus::banned);
  set_status(member_, private_, MembershipStatus::banned);
  EXPECT_EQ(groups_found(member_, "tomatoes"), std::set<GroupId>{hidden_})
      << "banned from a public group: not even public content";
}

TEST_F(SearchTest, GroupFilterNeverRevealsAGroupTheViewerCantRead) {
  EXPECT_EQ(groups_found(member_, "tomatoes", private_), std::set<GroupId>{private_});
  EXPECT_EQ(groups_found(member_, "tomatoes", public_), std::set<GroupId>{public_});
  EXPECT_TRUE(groups_found(outsider_, "tomatoes", hidden_).empty());
  EXPECT_TRUE(groups_found(outsider_, "tomatoes", private_).empty());
  EXPECT_TRUE(groups_found(std::nullopt, "tomatoes", 123456).empty());
}

TEST_F(SearchTest, LeavingOrLosingAccessTakesEffectAtOnce) {
  ASSERT_EQ(groups_found(member_, "tomatoes").count(private_), 1u);
  set_status(member_, private_, MembershipStatus::declined);
  EXPECT_EQ(groups_found(member_, "tomatoes").count(private_), 0u);
}

TEST_F(SearchTest, AGroupThatBecomesLessOpenNeverLeaksThroughStaleIndexEntries) {
  // The index still says "public" for these posts; the live privacy decides.
  store().write([&](Connection& c) { c.run("UPDATE support_groups SET privacy = 'private' WHERE id = ?", {public_}); });
  EXPECT_TRUE(groups_found(outsider_, "tomatoes").empty());
  EXPECT_EQ(groups_found(member_, "tomatoes").count(public_), 1u);
  // And when a group opens up, refreshing its entries makes it findable.
  store().write([&](Connection& c) {
    c.run("UPDATE support_groups SET privacy = 'public' WHERE id = ?", {private_});
    search::refresh_group_privacy(c, private_, Privacy::public_group);
  });
  EXPECT_EQ(groups_found(outsider_, "tomatoes"), std::set<GroupId>{private_});
}

TEST_F(SearchTest, ResultsCarryGroupThreadAndMarkedSnippet) {
  const auto hits = search_posts(env(), std::nullopt, "ripen", std::nullopt, 10);
  ASSERT_EQ(hits.size(), 1u);
  const auto& hit = hits[0];
  EXPECT_EQ(hit.post_id, pub_.post_id);
  EXPECT_EQ(hit.thread_id, pub_.thread_id);
  EXPECT_EQ(hit.group_slug, "public-garden");
  EXPECT_EQ(hit.group_name, "Public garden");
  EXPECT_EQ(hit.thread_title, "Tomatoes in public");
  EXPECT_TRUE(hit.is_opening_post);
  EXPECT_EQ(hit.author.persona_name, "Public garden Owner");
  std::string snippet;
  std::string marked;
  for (const auto& segment : hit.snippet) {
    snippet += segment.text;
    if (segment.highlighted) marked += segment.text;
  }
  EXPECT_EQ(snippet, "Our tomatoes ripen slowly");
  EXPECT_EQ(marked, "ripen");
  const auto by_title = search_posts(env(), std::nullopt, "public", std::nullopt, 10);
  ASSERT_EQ(by_title.size(), 1u);
  ASSERT_EQ(by_title[0].title.size(), 2u);
  EXPECT_EQ(by_title[0].title[1].text, "public");
  EXPECT_TRUE(by_title[0].title[1].highlighted);
}

TEST_F(SearchTest, MarkupInPostsComesBackAsPlainTextSegments) {
  start(owner_, public_, "Markup", "<script>alert(1)</script> &amp; sunflowers");
  const auto hits = search_posts(env(), std::nullopt, "sunflowers", std::nullopt, 10);
  ASSERT_EQ(hits.size(), 1u);
  std::string all;
  for (const auto& s : hits[0].snippet) all += s.text;
  EXPECT_NE(all.find("<script>"), std::string::npos) << "returned as text for the view to escape";
  EXPECT_EQ(all.find('\x01'), std::string::npos);
  EXPECT_EQ(all.find('\x02'), std::string::npos);
}

TEST_F(SearchTest, AnonymousPostsCarryNoAuthorIdentity) {
  const AccountId writer = account("writer");
  const PersonaId persona = member(writer, public_, "Traceable Name");
  const auto t = start(writer, public_, "Anonymous marigolds", "Marigolds anonymously", true);
  reply(writer, t.thread_id, std::nullopt, "More marigolds", true);
  const auto hits = search_posts(env(), member_, "marigolds", std::nullopt, 10);
  ASSERT_EQ(hits.size(), 2u);
  for (const auto& hit : hits) {
    EXPECT_TRUE(hit.author.anonymous);
    EXPECT_EQ(hit.author.anonymous_label, "A");
    EXPECT_EQ(hit.author.persona_id, 0);
    EXPECT_EQ(hit.author.persona_name, "");
    EXPECT_NE(hit.author.persona_id, persona);
  }
}

TEST_F(SearchTest, DeletedPostsAreNotFound) {
  const PostId r = reply(owner_, pub_.thread_id, std::nullopt, "Zucchini everywhere");
  ASSERT_EQ(search_posts(env(), std::nullopt, "zucchini", std::nullopt, 10).size(), 1u);
  ASSERT_TRUE(do_delete_post(env(), owner_, r).ok());
  EXPECT_TRUE(search_posts(env(), std::nullopt, "zucchini", std::nullopt, 10).empty());
  // Even if an index entry were left behind, the live check drops it.
  store().write([&](Connection& c) {
    search::index_post(c, {r, public_, Privacy::public_group, pub_.thread_id, "", "Zucchini everywhere"});
  });
  EXPECT_TRUE(search_posts(env(), std::nullopt, "zucchini", std::nullopt, 10).empty());
}

TEST_F(SearchTest, QueriesWithSearchSyntaxNeverFail) {
  start(owner_, public_, "Syntax", "near the end - a colon: and quotes \"here\" and star*");
  for (const std::string& query : std::vector<std::string>{"\"",
                                                           "\"\"",
                                                           "*",
                                                           "tomatoes*",
                                                           "NEAR(",
                                                           "NEAR(tomatoes ripen",
                                                           "-tomatoes",
                                                           "title:tomatoes",
                                                           "body:",
                                                           ":",
                                                           "AND",
                                                           "OR OR",
                                                           "NOT tomatoes",
                                                           "(tomatoes",
                                                           ")",
                                                           "^tomatoes",
                                                           "{title}: x",
                                                           "tomatoes AND",
                                                           "+",
                                                           "'",
                                                           "tomatoes\" OR \"1",
                                                           "—",
                                                           "🙂",
                                                           "",
                                                           "   ",
                                                           std::string(2000, 'a'),
                                                           "a\xff\xfe"}) {
    EXPECT_NO_THROW(search_posts(env(), member_, query, std::nullopt, 10)) << query;
  }
  EXPECT_TRUE(search_posts(env(), member_, "\"*:-", std::nullopt, 10).empty());
  EXPECT_TRUE(search_posts(env(), member_, "NOT", std::nullopt, 10).empty())
      << "operators are plain words; no post has this one";
  EXPECT_EQ(search_posts(env(), member_, "AND colon", std::nullopt, 10).size(), 1u)
      << "\"and\" is a word like any other";
  EXPECT_EQ(search_posts(env(), member_, "tomatoes*", std::nullopt, 10).size(), 3u) << "* is punctuation, not a prefix";
  EXPECT_EQ(search_posts(env(), member_, "tomatoes:ripen", std::nullopt, 10).size(), 3u) << "no column filters";
  EXPECT_TRUE(search_posts(env(), member_, "title:tomatoes", std::nullopt, 10).empty()) << "\"title\" is just a word";
  EXPECT_EQ(search_posts(env(), member_, "NEAR(the end", std::nullopt, 10).size(), 1u) << "NEAR is just a word";
  EXPECT_EQ(search_posts(env(), member_, "colon: quotes", std::nullopt, 10).size(), 1u);
  EXPECT_EQ(search_posts(env(), member_, "tomatoes —", std::nullopt, 10).size(), 3u) << "a lone dash is not a word";
}

TEST_F(SearchTest, EveryWordMustMatch) {
  EXPECT_EQ(search_posts(env(), member_, "private tomatoes", std::nullopt, 10).size(), 1u);
  EXPECT_TRUE(search_posts(env(), member_, "private cucumbers", std::nullopt, 10).empty());
  EXPECT_EQ(search_posts(env(), member_, "TOMATOES Ripen", std::nullopt, 10).size(), 3u) << "case-insensitive";
}

TEST_F(SearchTest, ResultsAreLimitedAndRanked) {
  for (int i = 0; i < 5; ++i) reply(owner_, pub_.thread_id, std::nullopt, "beans");
  const PostId strong = reply(owner_, pub_.thread_id, std::nullopt, "beans beans beans beans");
  const auto hits = search_posts(env(), std::nullopt, "beans", std::nullopt, 3);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].post_id, strong);
}

// A member of more private and hidden groups than search::Tuning::max_scope_tokens: their
// searches take the group-filter plan (store/search.cpp), under exactly the same rules.
class ManyGroupsSearchTest : public SearchTest {
 protected:
  void SetUp() override {
    SearchTest::SetUp();
    many_ = account("many");
    const std::size_t count = search::Tuning{}.max_scope_tokens + 1;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string n = std::to_string(i);
      const GroupId g = group(owner_, "Allotment " + n, i % 2 ? "private" : "hidden");
      member(many_, g, "Many " + n);
      start(owner_, g, "Tomatoes in allotment " + n, "Allotment tomatoes ripen slowly");
      mine_.push_back(g);
    }
    member(many_, public_, "Many Public");
  }
  search::Plan plan(std::optional<GroupId> only = std::nullopt) {
    return store().read([&](Connection& c) { return search::plan_for(search_scope(c, many_, only)); });
  }
  // The plan a search for `text` actually took.
  search::Plan plan_taken(const std::string& text) {
    search::Trace trace;
    store().read([&](Connection& c) { search::query(c, search_scope(c, many_, std::nullopt), text, 10, {}, &trace); });
    return trace.plan;
  }
  std::set<GroupId> readable() const {
    std::set<GroupId> groups(mine_.begin(), mine_.end());
    groups.insert(public_);
    return groups;
  }
  AccountId many_ = 0;
  std::vector<GroupId> mine_;
};

TEST_F(ManyGroupsSearchTest, BothSidesOfThePlanThresholdFindExactlyTheReadableGroups) {
  ASSERT_EQ(plan(), search::Plan::group_filter);
  ASSERT_EQ(plan_taken("tomatoes"), search::Plan::group_filter);
  EXPECT_EQ(groups_found(many_, "tomatoes"), readable()) << "not private_ or hidden_, where many_ isn't a member";
  // One membership fewer: exactly at the threshold, scope tokens again.
  set_status(many_, mine_.back(), MembershipStatus::declined);
  ASSERT_EQ(plan(), search::Plan::scope_tokens);
  ASSERT_EQ(plan_taken("tomatoes"), search::Plan::scope_tokens);
  auto fewer = readable();
  fewer.erase(mine_.back());
  EXPECT_EQ(groups_found(many_, "tomatoes"), fewer);
}

TEST_F(ManyGroupsSearchTest, BannedFromAPublicGroupMeansNotEvenItsPublicContent) {
  set_status(many_, public_, MembershipStatus::banned);
  ASSERT_EQ(plan(), search::Plan::group_filter);
  auto without_public = readable();
  without_public.erase(public_);
  EXPECT_EQ(groups_found(many_, "tomatoes"), without_public);
  EXPECT_TRUE(groups_found(many_, "tomatoes", public_).empty());
}

TEST_F(ManyGroupsSearchTest, OthersHiddenAndPrivateGroupsStayInvisible) {
  member(many_, hidden_, "Many Pending", MembershipStatus::pending);
  ASSERT_EQ(plan(), search::Plan::group_filter);
  EXPECT_TRUE(groups_found(many_, "hidden").empty()) << "the hidden group's words must not leak";
  EXPECT_TRUE(groups_found(many_, "private").empty());
  // A public group that turns private drops out at once, though its index entries still say public.
  const GroupId field = group(owner_, "Open field", "public");
  start(owner_, field, "Field notes", "Field tomatoes ripen slowly");
  ASSERT_EQ(groups_found(many_, "field"), std::set<GroupId>{field});
  store().write([&](Connection& c) { c.run("UPDATE support_groups SET privacy = 'private' WHERE id = ?", {field}); });
  EXPECT_TRUE(groups_found(many_, "field").empty());
}

TEST_F(ManyGroupsSearchTest, OnlyThisGroup) {
  ASSERT_EQ(plan(mine_[3]), search::Plan::scope_tokens) << "one group's token is the narrowest filter";
  EXPECT_EQ(groups_found(many_, "tomatoes", mine_[3]), std::set<GroupId>{mine_[3]});
  EXPECT_EQ(groups_found(many_, "tomatoes", public_), std::set<GroupId>{public_});
  EXPECT_TRUE(groups_found(many_, "tomatoes", private_).empty());
  EXPECT_TRUE(groups_found(many_, "tomatoes", hidden_).empty());
}

TEST_F(ManyGroupsSearchTest, RemovedPostsAndAnonymousAuthors) {
  const auto t = start(many_, mine_[1], "Pumpkins", "Pumpkins everywhere", true);
  const PostId r = reply(many_, t.thread_id, std::nullopt, "More pumpkins");
  ASSERT_EQ(plan(), search::Plan::group_filter);
  const auto anonymous = search_posts(env(), owner_, "pumpkins everywhere", std::nullopt, 10);
  ASSERT_EQ(anonymous.size(), 1u);
  EXPECT_TRUE(anonymous[0].author.anonymous);
  EXPECT_EQ(anonymous[0].author.persona_id, 0);
  EXPECT_EQ(anonymous[0].author.persona_name, "");
  ASSERT_EQ(search_posts(env(), many_, "pumpkins", std::nullopt, 10).size(), 2u);
  ASSERT_TRUE(do_delete_post(env(), many_, r).ok());
  const auto left = search_posts(env(), many_, "pumpkins", std::nullopt, 10);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].post_id, t.post_id);
  // Even if an index entry were left behind, the live check drops it.
  store().write([&](Connection& c) {
    search::index_post(c, {r, mine_[1], Privacy::private_group, t.thread_id, "", "More pumpkins"});
  });
  EXPECT_EQ(search_posts(env(), many_, "pumpkins", std::nullopt, 10).size(), 1u);
}

}  // namespace hearth
