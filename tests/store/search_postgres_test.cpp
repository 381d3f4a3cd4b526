// Search on PostgreSQL (search_postgres.cpp), run when HEARTH_TEST_POSTGRES is set. The
// index writes are store/search.cpp's own, unchanged on both engines.
#include "store/search_postgres.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "support/temp_store.hpp"

namespace hearth {
namespace {

class SearchPostgresTest : public ::testing::Test {
 protected:
  static constexpr GroupId public_ = 3, mine_ = 6, hidden_ = 7, banned_ = 9;

  void SetUp() override {
    HEARTH_POSTGRES_ONLY("search_postgres.cpp is PostgreSQL's search");
    temp_ = std::make_unique<testing::TempStore>();
    store().write([&](Connection& c) {
      c.run(
          "INSERT INTO accounts (id, login_name, login_key, password_hash, created_at, password_changed_at)"
          " VALUES (1, 'a', 'a', 'x', 0, 0)");
      c.run("INSERT INTO personas (id, account_id, name, created_at) VALUES (2, 1, 'Wren', 0)");
      for (const auto& [id, privacy] : groups()) {
        c.run(
            "INSERT INTO support_groups (id, slug, name, description, privacy, created_at, last_activity_at)"
            " VALUES (?, ?, 'G', 'd', ?, 0, 0)",
            {id, "g" + std::to_string(id), std::string(privacy_name(privacy))});
        c.run(
            "INSERT INTO threads (id, group_id, title, opening_post_id, created_at, last_activity_at)"
            " VALUES (?, ?, 'Tired all the time', ?, 0, 0)",
            {id * 100, id, id * 100 + 1});
      }
    });
  }
  static std::vector<std::pair<GroupId, Privacy>> groups() {
    return {{public_, Privacy::public_group},
            {mine_, Privacy::private_group},
            {hidden_, Privacy::hidden_group},
            {banned_, Privacy::public_group}};
  }
  static Privacy privacy_of(GroupId group) {
    for (const auto& [id, privacy] : groups()) {
      if (id == group) return privacy;
    }
    return Privacy::hidden_group;
  }
  // Writes and indexes a post; the first of a group is its thread's opening post.
  PostId add(GroupId group, const std::string& body, bool anonymous = false) {
    const bool opening = !opened_.contains(group);
    const PostId id = opening ? group * 100 + 1 : next_id_++;
    opened_.insert(group);
    store().write([&](Connection& c) {
      c.run(
          "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
          " idempotency_key, anonymous, anonymous_label) VALUES (?, ?, ?, 1, 2, ?, 0, ?, ?, ?)",
          {id, group, group * 100, body, "k" + std::to_string(id), int64_t{anonymous}, anonymous ? "A" : ""});
      search::index_post(c, {id, group, privacy_of(group), group * 100, opening ? "Tired all the time" : "", body});
    });
    return id;
  }
  static search::Scope viewer() {  // reads public groups and mine_, banned from banned_
    search::Scope scope;
    scope.open_privacies = {Privacy::public_group};
    scope.member_groups = {mine_};
    scope.excluded_groups = {banned_};
    return scope;
  }
  static search::Scope guest() {
    search::Scope scope;
    scope.open_privacies = {Privacy::public_group};
    return scope;
  }
  std::vector<search::Hit> find(const std::string& text, const search::Scope& scope = guest(), int limit = 10,
                                const search::Tuning& tuning = {}) {
    return store().read([&](Connection& c) { return search::query_postgres(c, scope, text, limit, tuning); });
  }
  static std::vector<PostId> ids(const std::vector<search::Hit>& hits) {
    std::vector<PostId> out;
    for (const auto& hit : hits) out.push_back(hit.post_id);
    return out;
  }
  Store& store() { return temp_->store(); }

  std::unique_ptr<testing::TempStore> temp_;
  std::set<GroupId> opened_;
  PostId next_id_ = 5000;
};

TEST_F(SearchPostgresTest, FoldsCaseAndDiacritics) {
  add(public_, "Café au lait");
  add(public_, "NIGHT shift, Müdigkeit");
  EXPECT_EQ(find("cafe").size(), 1u);
  EXPECT_EQ(find("CAFÉ").size(), 1u);
  EXPECT_EQ(find("night").size(), 1u);
  EXPECT_EQ(find("mudigkeit").size(), 1u);
}

TEST_F(SearchPostgresTest, EveryWordMustMatch) {
  add(public_, "opening");
  const PostId both = add(public_, "cannot sleep at night");
  add(public_, "sleep well");
  EXPECT_EQ(ids(find("sleep night")), std::vector<PostId>{both});
  EXPECT_EQ(find("sleep").size(), 2u);
}

TEST_F(SearchPostgresTest, TheScopeDecidesWhatIsFound) {
  const PostId open = add(public_, "lantern");
  const PostId member = add(mine_, "lantern");
  add(hidden_, "lantern");
  add(banned_, "lantern");
  std::vector<PostId> guest_found = ids(find("lantern"));
  std::sort(guest_found.begin(), guest_found.end());
  EXPECT_EQ(guest_found, (std::vector<PostId>{open, banned_ * 100 + 1}));
  std::vector<PostId> viewer_found = ids(find("lantern", viewer()));
  std::sort(viewer_found.begin(), viewer_found.end());
  EXPECT_EQ(viewer_found, (std::vector<PostId>{open, member}));
  search::Scope only = viewer();
  only.only_group = mine_;
  EXPECT_EQ(ids(find("lantern", only)), std::vector<PostId>{member});
  EXPECT_TRUE(find("lantern", search::Scope{}).empty()) << "a viewer who may read nothing finds nothing";
}

TEST_F(SearchPostgresTest, MemberWordsNeverMatchScopeTokens) {
  add(public_, "nothing here");
  EXPECT_TRUE(find("ppublic").empty());
  EXPECT_TRUE(find("g3").empty());
  add(public_, "nothing here ppublic");
  EXPECT_EQ(find("ppublic").size(), 1u);
}

TEST_F(SearchPostgresTest, AGroupThatBecameLessOpenNeverLeaksThroughItsIndexEntries) {
  add(public_, "marigold");
  store().write([](Connection& c) { c.run("UPDATE support_groups SET privacy = 'private' WHERE id = 3"); });
  EXPECT_TRUE(find("marigold").empty()) << "the index still says public; the live check says private";
}

TEST_F(SearchPostgresTest, RemovedPostsAreNotFound) {
  add(public_, "opening");
  const PostId id = add(public_, "willow");
  store().write([&](Connection& c) { c.run("UPDATE posts SET deleted_at = 1 WHERE id = ?", {id}); });
  EXPECT_TRUE(find("willow").empty());
}

TEST_F(SearchPostgresTest, TitleAndFrequencyRankHigher) {
  const PostId opening = add(public_, "An opening post about something else");
  const PostId once = add(public_, "I am tired today and I do not know why that is, it has been a long week");
  const PostId often = add(public_, "tired, tired, tired");
  EXPECT_EQ(ids(find("tired")), (std::vector<PostId>{opening, often, once}));
}

TEST_F(SearchPostgresTest, WordsInVeryManyPostsRankTheNewestWindow) {
  const PostId first = add(public_, "common word");
  for (int i = 0; i < 30; ++i) add(public_, "common");
  const PostId newest = add(public_, "common");
  search::Tuning tuning;
  tuning.candidate_window = 20;
  const auto hits = find("common", guest(), 50, tuning);
  ASSERT_EQ(hits.size(), 20u);
  EXPECT_EQ(hits[0].post_id, newest) << "equal scores: newest first";
  for (const auto& hit : hits) EXPECT_NE(hit.post_id, first) << "older than the window";
  EXPECT_EQ(ids(find("word", guest(), 50, tuning)), std::vector<PostId>{first});
}

TEST_F(SearchPostgresTest, ResultsCarryMarkedTitleAndSnippet) {
  add(public_, "What helps when you are tired?");
  std::string body;
  for (int i = 0; i < 40; ++i) body += "filler ";
  body += "the kettle helps ";
  for (int i = 0; i < 40; ++i) body += "padding ";
  add(public_, body);
  const auto opening = find("tired");
  ASSERT_EQ(opening.size(), 1u);
  ASSERT_EQ(opening[0].title.size(), 2u);
  EXPECT_EQ(opening[0].title[0].text, "Tired");
  EXPECT_TRUE(opening[0].title[0].highlighted);
  EXPECT_EQ(opening[0].title[1].text, " all the time");
  EXPECT_TRUE(opening[0].is_opening_post);
  EXPECT_EQ(opening[0].group_slug, "g3");

  const auto reply = find("kettle");
  ASSERT_EQ(reply.size(), 1u);
  EXPECT_FALSE(reply[0].is_opening_post);
  ASSERT_EQ(reply[0].title.size(), 1u);
  EXPECT_FALSE(reply[0].title[0].highlighted) << "a reply shows its thread's title unmarked";
  const auto& snippet = reply[0].snippet;
  ASSERT_GE(snippet.size(), 3u);
  EXPECT_EQ(snippet.front().text, "…");
  EXPECT_EQ(snippet.back().text, "…");
  EXPECT_TRUE(std::any_of(snippet.begin(), snippet.end(),
                          [](const search::Segment& s) { return s.highlighted && s.text == "kettle"; }));
}

TEST_F(SearchPostgresTest, MarkupComesBackAsTheTextWritten) {
  add(public_, "<script>alert(1)</script> &amp; sunflowers <b>bold</b>");
  const auto hits = find("sunflowers");
  ASSERT_EQ(hits.size(), 1u);
  std::string all;
  for (const auto& s : hits[0].snippet) all += s.text;
  EXPECT_EQ(all, "<script>alert(1)</script> &amp; sunflowers <b>bold</b>");
  EXPECT_EQ(find("script").size(), 1u) << "words inside markup are indexed, as on SQLite";
  EXPECT_EQ(find("bold").size(), 1u);
}

TEST_F(SearchPostgresTest, AnonymousPostsCarryNoAuthorIdentity) {
  add(public_, "opening");
  add(public_, "a quiet confession", true);
  const auto hits = find("confession");
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_TRUE(hits[0].author.anonymous);
  EXPECT_EQ(hits[0].author.anonymous_label, "A");
  EXPECT_EQ(hits[0].author.persona_id, 0);
  EXPECT_EQ(hits[0].author.persona_name, "");
}

TEST_F(SearchPostgresTest, QueriesWithSearchSyntaxNeverFail) {
  add(public_, "it's a can't-sleep night");
  for (const char* text : {"'", "''", "it's", "a & b | !c", "(night", "night:*", "\\", "can't <-> sleep", "'night':A",
                           "night:D", "🙂", "—", "AND OR NOT"}) {
    EXPECT_NO_THROW(find(text)) << text;
  }
  EXPECT_EQ(find("night:*").size(), 1u) << "read as the word night";
  EXPECT_EQ(find("can't sleep").size(), 1u);
}

TEST_F(SearchPostgresTest, OptimizingChangesNothingASearchSees) {
  add(public_, "heron");
  store().write([](Connection& c) { search::optimize_index_postgres(c); });
  EXPECT_EQ(find("heron").size(), 1u);
}

}  // namespace
}  // namespace hearth
