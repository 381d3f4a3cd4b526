#include "store/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "support/temp_store.hpp"

namespace hearth {

using Terms = std::vector<std::string>;

TEST(SearchTerms, WordsAreSplitOnSpacesAndPunctuation) {
  EXPECT_EQ(search::terms_of("Sleep  problems"), (Terms{"sleep", "problems"}));
  EXPECT_EQ(search::terms_of("night-time \"lows\""), (Terms{"night", "time", "lows"}));
  EXPECT_EQ(search::terms_of("NEAR(a b, 2)"), (Terms{"near", "a", "b", "2"}));
  EXPECT_EQ(search::terms_of("title:body* -x ^y"), (Terms{"title", "body", "x", "y"}));
  EXPECT_EQ(search::terms_of("hope—sleep “quoted”"), (Terms{"hope", "sleep", "quoted"}));
  EXPECT_EQ(search::terms_of("sleep sleep SLEEP"), (Terms{"sleep"}));
  EXPECT_EQ(search::terms_of("Müdigkeit café"), (Terms{"müdigkeit", "café"}));
  EXPECT_EQ(search::terms_of("睡眠 問題"), (Terms{"睡眠", "問題"}));
}

TEST(SearchTerms, NothingSearchableGivesNoTerms) {
  for (const char* text : {"", "   ", "\"\"", "* - : ( ) ^ + ,", "— – … «»", "🙂🙂", "¿¡", "\xff\xfe"}) {
    EXPECT_TRUE(search::terms_of(text).empty()) << text;
  }
}

TEST(SearchTerms, QueriesAreBounded) {
  std::string many;
  for (int i = 0; i < 40; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(search::terms_of(many).size(), search::max_terms);
  const auto long_text = std::string(10'000, 'a');
  const auto terms = search::terms_of(long_text);
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_EQ(terms[0].size(), search::max_query_bytes);
  // Cutting never splits a character.
  const auto cut = search::terms_of(std::string(search::max_query_bytes - 1, 'a') + "é");
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_EQ(cut[0], std::string(search::max_query_bytes - 1, 'a'));
}

TEST(SearchExpression, WordsAreQuotedPhrasesAndTheScopeIsTokens) {
  search::Scope scope;
  scope.open_privacies = {Privacy::public_group};
  scope.member_groups = {11, 12};
  scope.excluded_groups = {13};
  EXPECT_EQ(search::match_expression({"near", "x"}, scope),
            "(({title body} : (\"near\" AND \"x\")) AND (scope : (ppublic OR g11 OR g12))) NOT (scope : (g13))");
  scope.only_group = 12;
  EXPECT_EQ(search::match_expression({"x"}, scope), "({title body} : (\"x\")) AND (scope : g12)");
  EXPECT_EQ(search::match_expression({}, scope), "");
  EXPECT_EQ(search::match_expression({"x"}, search::Scope{}), "") << "a viewer who may read nothing finds nothing";
}

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store().write([&](Connection& c) {
      c.run(
          "INSERT INTO accounts (id, login_name, login_key, password_hash, created_at, password_changed_at)"
          " VALUES (1, 'a', 'a', 'x', 0, 0)");
      c.run("INSERT INTO personas (id, account_id, name, created_at) VALUES (2, 1, 'P', 0)");
      c.run(
          "INSERT INTO support_groups (id, slug, name, description, privacy, created_at, last_activity_at)"
          " VALUES (3, 'g', 'G', 'd', 'public', 0, 0)");
      c.run(
          "INSERT INTO threads (id, group_id, title, opening_post_id, created_at, last_activity_at)"
          " VALUES (4, 3, 'T', 5, 0, 0)");
    });
  }
  // Writes and indexes a public post (the first one is the thread's opening post).
  PostId add(const std::string& body, const std::string& title = "") {
    const PostId id = next_id_++;
    store().write([&](Connection& c) {
      c.run(
          "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
          " idempotency_key) VALUES (?, 3, 4, 1, 2, ?, 0, ?)",
          {id, body, "k" + std::to_string(id)});
      search::index_post(c, {id, 3, Privacy::public_group, 4, title, body});
    });
    return id;
  }
  std::vector<search::Hit> find(const std::string& text, int limit = 10) {
    return store().read([&](Connection& c) {
      search::Scope scope;
      scope.open_privacies = {Privacy::public_group};
      return search::query(c, scope, text, limit);
    });
  }
  std::vector<search::Hit> index_and_query(const std::string& body, const std::string& text) {
    add(body);
    return find(text);
  }
  Store& store() { return temp_.store(); }
  testing::TempStore temp_;
  PostId next_id_ = 5;
};

TEST_F(SearchIndexTest, LettersOfManyScriptsAreSearchable) {
  // One letter from each range search.cpp treats as certainly indexed by SQLite.
  for (const char* word :
       {"À", "ÿ", "ž", "Ω", "щ", "Ա", "ש", "ب", "क", "ক", "ਕ", "க", "ก", "ა", "ḁ", "あ", "ア", "中", "한", "𠀀"}) {
    const std::string term = std::string("x") + word + "y";
    const PostId id = add(term);
    const auto hits = find(term);  // may also find earlier letters that fold to the same
    EXPECT_TRUE(std::any_of(hits.begin(), hits.end(), [&](const auto& h) { return h.post_id == id; })) << word;
    EXPECT_FALSE(search::terms_of(word).empty()) << word;
  }
}

TEST_F(SearchIndexTest, FoldsCaseAndDiacritics) {
  add("Café au lait");
  add("NIGHT shift");
  EXPECT_EQ(find("cafe").size(), 1u);
  EXPECT_EQ(find("night").size(), 1u);
}

TEST_F(SearchIndexTest, MemberWordsNeverMatchScopeTokens) {
  add("nothing here");
  EXPECT_TRUE(find("ppublic").empty());
  EXPECT_TRUE(find("g3").empty());
  add("nothing here ppublic");
  EXPECT_EQ(find("ppublic").size(), 1u);
}

TEST_F(SearchIndexTest, TitleAndFrequencyRankHigher) {
  add("An opening post about something else", "Tired all the time");
  const PostId once = add("I am tired today and I do not know why that is, it has been a long week");
  const PostId often = add("tired, tired, tired");
  const auto hits = find("tired");
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits[0].post_id, 5) << "a title match counts most";
  EXPECT_EQ(hits[1].post_id, often);
  EXPECT_EQ(hits[2].post_id, once);
}

TEST_F(SearchIndexTest, WordsInVeryManyPostsRankTheNewestWindow) {
  const PostId first = add("common word");
  store().write([&](Connection& c) {
    for (int i = 0; i < search::candidate_window + 20; ++i) {
      const PostId id = next_id_++;
      c.run(
          "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
          " idempotency_key) VALUES (?, 3, 4, 1, 2, 'common', 0, ?)",
          {id, "k" + std::to_string(id)});
      search::index_post(c, {id, 3, Privacy::public_group, 4, "", "common"});
    }
  });
  const PostId newest = add("common");
  const auto hits = find("common", 50);
  ASSERT_EQ(hits.size(), 50u);
  EXPECT_EQ(hits[0].post_id, newest) << "equal scores: newest first";
  for (const auto& hit : hits) EXPECT_NE(hit.post_id, first) << "older than the window";
  // A rarer word still finds the old post.
  ASSERT_EQ(find("word").size(), 1u);
  EXPECT_EQ(find("word")[0].post_id, first);
}

TEST_F(SearchIndexTest, EditsKeepTheirPlaceAndRemovalsLeave) {
  const PostId id = add("original text");
  store().write([&](Connection& c) { search::index_post(c, {id, 3, Privacy::public_group, 4, "", "changed text"}); });
  EXPECT_TRUE(find("original").empty());
  EXPECT_EQ(find("changed").size(), 1u);
  store().write([&](Connection& c) { search::optimize_index(c); });
  EXPECT_EQ(find("changed").size(), 1u) << "optimizing changes nothing a search sees";
  store().write([&](Connection& c) { search::remove_post(c, id); });
  EXPECT_TRUE(find("changed").empty());
  EXPECT_EQ(store().read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM post_search_rows"); }), 0);
}

}  // namespace hearth
