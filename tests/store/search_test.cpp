#include "store/search.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <utility>

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
  EXPECT_EQ(search::words_expression({"near", "x"}), "{title body} : (\"near\" AND \"x\")") << "no scope at all";
  EXPECT_EQ(search::words_expression({}), "");
}

TEST(SearchPlan, ManyScopeTokensSwitchToTheGroupFilter) {
  search::Tuning tuning;
  tuning.max_scope_tokens = 3;
  search::Scope scope;
  scope.open_privacies = {Privacy::public_group};
  scope.member_groups = {1, 2, 3};
  EXPECT_EQ(search::plan_for(scope, tuning), search::Plan::scope_tokens) << "at the limit";
  scope.member_groups.push_back(4);
  EXPECT_EQ(search::plan_for(scope, tuning), search::Plan::group_filter) << "one above";
  scope.member_groups.pop_back();
  scope.excluded_groups = {5};
  EXPECT_EQ(search::plan_for(scope, tuning), search::Plan::group_filter) << "excluded groups are tokens too";
  scope.only_group = 2;
  EXPECT_EQ(search::plan_for(scope, tuning), search::Plan::scope_tokens) << "one group's token narrows the most";
  EXPECT_EQ(search::plan_for(search::Scope{}, search::Tuning{}), search::Plan::scope_tokens);
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

// Both plans, and the group filter's hand-over to scope tokens for older matches, must
// rank exactly the same posts: the newest `candidate_window` the viewer may read.
class SearchPlansTest : public ::testing::Test {
 protected:
  static constexpr GroupId public_ = 3, mine_ = 6, hidden_ = 7, others_ = 8, banned_ = 9, mine_too_ = 10;
  void SetUp() override {
    store().write([&](Connection& c) {
      c.run(
          "INSERT INTO accounts (id, login_name, login_key, password_hash, created_at, password_changed_at)"
          " VALUES (1, 'a', 'a', 'x', 0, 0)");
      c.run("INSERT INTO personas (id, account_id, name, created_at) VALUES (2, 1, 'P', 0)");
      for (const auto& [id, privacy] : groups()) {
        c.run(
            "INSERT INTO support_groups (id, slug, name, description, privacy, created_at, last_activity_at)"
            " VALUES (?, ?, 'G', 'd', ?, 0, 0)",
            {id, "g" + std::to_string(id), std::string(privacy_name(privacy))});
        // Each group's one thread, opened by a post that no search here matches.
        c.run(
            "INSERT INTO threads (id, group_id, title, opening_post_id, created_at, last_activity_at)"
            " VALUES (?, ?, 'T', ?, 0, 0)",
            {id * 100, id, id * 100 + 1});
        c.run(
            "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
            " idempotency_key) VALUES (?, ?, ?, 1, 2, 'opening', 0, ?)",
            {id * 100 + 1, id, id * 100, "o" + std::to_string(id)});
      }
    });
  }
  static std::vector<std::pair<GroupId, Privacy>> groups() {
    return {{public_, Privacy::public_group},  {mine_, Privacy::private_group},  {hidden_, Privacy::hidden_group},
            {others_, Privacy::private_group}, {banned_, Privacy::public_group}, {mine_too_, Privacy::hidden_group}};
  }
  // A viewer who may read public_, mine_ and mine_too_ (not hidden_, others_, or banned_,
  // where they are banned).
  static search::Scope viewer() {
    search::Scope scope;
    scope.open_privacies = {Privacy::public_group};
    scope.member_groups = {mine_, mine_too_};
    scope.excluded_groups = {banned_};
    return scope;
  }
  static bool readable(GroupId group) { return group == public_ || group == mine_ || group == mine_too_; }

  // Writes and indexes `count` posts, cycling over the groups, all with the same body (equal
  // scores rank newest first). Returns them oldest first.
  std::vector<std::pair<PostId, GroupId>> add_posts(int count, const std::string& body) {
    std::vector<std::pair<PostId, GroupId>> added;
    store().write([&](Connection& c) {
      for (int i = 0; i < count; ++i) {
        const auto [group, privacy] = groups()[static_cast<std::size_t>(i) % groups().size()];
        const PostId id = next_id_++;
        c.run(
            "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
            " idempotency_key) VALUES (?, ?, ?, 1, 2, ?, 0, ?)",
            {id, group, group * 100, body, "k" + std::to_string(id)});
        search::index_post(c, {id, group, privacy, group * 100, "", body});
        added.emplace_back(id, group);
      }
    });
    return added;
  }
  std::vector<PostId> found(const search::Scope& scope, const std::string& text, const search::Tuning& tuning,
                            search::Trace* trace = nullptr) {
    std::vector<PostId> ids;
    for (const auto& hit :
         store().read([&](Connection& c) { return search::query(c, scope, text, 50, tuning, trace); })) {
      ids.push_back(hit.post_id);
    }
    return ids;
  }
  // Tunings that exercise each way of finding candidates, all with a window of `window`.
  static std::vector<std::pair<std::string, search::Tuning>> tunings(int window) {
    search::Tuning tokens;
    tokens.candidate_window = window;
    search::Tuning filter = tokens;
    filter.max_scope_tokens = 0;
    search::Tuning short_filter = filter;  // looks at ~4 matches, then hands over to tokens
    short_filter.density_probe = 2;
    short_filter.filter_scan = 4;
    return {{"scope tokens", tokens}, {"group filter", filter}, {"group filter, then tokens", short_filter}};
  }
  Store& store() { return temp_.store(); }
  testing::TempStore temp_;
  PostId next_id_ = 5000;  // above the opening posts (group id × 100 + 1)
};

TEST_F(SearchPlansTest, EveryPlanRanksTheNewestReadableMatches) {
  const auto posts = add_posts(60, "shared words");
  add_posts(6, "other words");   // newer, not matching
  std::vector<PostId> expected;  // newest readable first
  for (auto it = posts.rbegin(); it != posts.rend(); ++it) {
    if (readable(it->second)) expected.push_back(it->first);
  }
  ASSERT_EQ(expected.size(), 30u);
  for (const int window : {10, 30, 100}) {
    const std::vector<PostId> newest(expected.begin(), expected.begin() + std::min<int>(window, 30));
    for (const auto& [name, tuning] : tunings(window)) {
      search::Trace trace;
      EXPECT_EQ(found(viewer(), "shared", tuning, &trace), newest) << name << ", window " << window;
      EXPECT_EQ(trace.plan, name == "scope tokens" ? search::Plan::scope_tokens : search::Plan::group_filter) << name;
      EXPECT_EQ(trace.candidates, std::min(window, 30)) << name << ": only readable posts are scored";
      if (name == "group filter") {
        EXPECT_EQ(trace.from_tokens, 0);
      }
      if (name == "group filter, then tokens") {
        // The filter looked at about 4 matches (2 readable); tokens found the rest.
        EXPECT_GT(trace.from_tokens, 0) << window;
        EXPECT_LT(trace.from_tokens, trace.candidates) << window;
      }
    }
  }
}

TEST_F(SearchPlansTest, MostlyUnreadableMatchesKeepTheScopeTokens) {
  // The newest matches are in groups the viewer can't read: looking at each of them would
  // cost more than the tokens, so the probe hands over to scope tokens.
  const auto readable_posts = add_posts(12, "snowdrops");
  std::vector<PostId> expected;
  for (auto it = readable_posts.rbegin(); it != readable_posts.rend(); ++it) {
    if (readable(it->second)) expected.push_back(it->first);
  }
  store().write([&](Connection& c) {
    for (int i = 0; i < 40; ++i) {
      const PostId id = next_id_++;
      c.run(
          "INSERT INTO posts (id, group_id, thread_id, author_account_id, author_persona_id, body, created_at,"
          " idempotency_key) VALUES (?, ?, ?, 1, 2, 'snowdrops', 0, ?)",
          {id, others_, others_ * 100, "k" + std::to_string(id)});
      search::index_post(c, {id, others_, Privacy::private_group, others_ * 100, "", "snowdrops"});
    }
  });
  search::Tuning tuning;
  tuning.max_scope_tokens = 0;
  tuning.density_probe = 20;
  ASSERT_EQ(search::plan_for(viewer(), tuning), search::Plan::group_filter);
  search::Trace trace;
  EXPECT_EQ(found(viewer(), "snowdrops", tuning, &trace), expected);
  EXPECT_EQ(trace.plan, search::Plan::scope_tokens);
  EXPECT_EQ(trace.candidates, 6);
  // A quarter readable is enough for the filter.
  tuning.density_probe = 52;  // every match: 6 readable of 52
  tuning.min_readable_percent = 11;
  EXPECT_EQ(found(viewer(), "snowdrops", tuning, &trace), expected);
  EXPECT_EQ(trace.plan, search::Plan::group_filter);
  tuning.min_readable_percent = 12;
  EXPECT_EQ(found(viewer(), "snowdrops", tuning, &trace), expected);
  EXPECT_EQ(trace.plan, search::Plan::scope_tokens) << "6 of 52 is under 12%";
  tuning.density_probe = 53;  // the probe sees every match: the filter's cost is known and small
  EXPECT_EQ(found(viewer(), "snowdrops", tuning, &trace), expected);
  EXPECT_EQ(trace.plan, search::Plan::group_filter);
  EXPECT_TRUE(found(viewer(), "snowdrops nowhere", tuning, &trace).empty());
}

TEST_F(SearchPlansTest, TheGroupFilterChecksLiveData) {
  add_posts(12, "tulips");
  // The index still says "public" for banned_'s and public_'s posts; the live privacy and
  // the scope decide. A removed post left in the index is dropped too.
  store().write([&](Connection& c) {
    c.run("UPDATE support_groups SET privacy = 'private' WHERE id = ?", {public_});
    c.run("UPDATE posts SET deleted_at = 1 WHERE group_id = ?", {mine_too_});
  });
  for (const auto& [name, tuning] : tunings(search::candidate_window)) {
    std::set<GroupId> seen;
    search::Trace trace;
    for (const auto& hit :
         store().read([&](Connection& c) { return search::query(c, viewer(), "tulips", 50, tuning, &trace); })) {
      seen.insert(hit.group_id);
    }
    EXPECT_EQ(seen, std::set<GroupId>{mine_}) << name;
    // The filter itself already leaves out public_ (now private), hidden_, others_ and
    // banned_: only mine_ and mine_too_ are scored (removal is for the final check). Stale
    // "ppublic" tokens still bring public_'s posts to scoring; the final check drops them.
    if (name == "group filter") {
      EXPECT_EQ(trace.candidates, 4);
    } else {
      EXPECT_EQ(trace.candidates, 6) << name;
    }
  }
}

TEST_F(SearchPlansTest, OnlyGroupAndEmptyScopes) {
  add_posts(12, "crocus");
  for (const auto& [name, tuning] : tunings(search::candidate_window)) {
    auto only = viewer();
    only.only_group = mine_too_;
    const auto in_group = found(only, "crocus", tuning);
    EXPECT_EQ(in_group.size(), 2u) << name;
    EXPECT_TRUE(found(search::Scope{}, "crocus", tuning).empty()) << name;
    search::Scope members_only;  // no open level: only the member groups
    members_only.member_groups = {mine_};
    EXPECT_EQ(found(members_only, "crocus", tuning).size(), 2u) << name;
  }
}

}  // namespace hearth
