#include "store/sqlite/match_score.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/temp_store.hpp"

namespace hearth {
namespace {

// Scores every row of post_search that matches `query`, by rowid.
std::map<int64_t, int64_t> scores(Store& store, const std::string& query) {
  return store.read([&](Connection& c) {
    std::map<int64_t, int64_t> found;
    c.execute("SELECT rowid, hearth_match_score(post_search) FROM post_search WHERE post_search MATCH ?", {query},
              [&](const Row& r) { found[r.i64(0)] = r.i64(1); });
    return found;
  });
}

class MatchScoreTest : public ::testing::Test {
 protected:
  void SetUp() override { HEARTH_SQLITE_ONLY("an FTS5 auxiliary function"); }
  void add(int64_t rowid, const std::string& title, const std::string& body, const std::string& scope = "ppublic") {
    temp_.store().write([&](Connection& c) {
      c.execute("INSERT INTO post_search (rowid, title, body, scope) VALUES (?, ?, ?, ?)",
                {rowid, title, body, scope}, [](const Row&) {});
    });
  }
  testing::TempStore temp_;
};

TEST_F(MatchScoreTest, ATitleMatchOutweighsABodyMatch) {
  add(1, "Sleep after a long shift", "I keep waking at four in the morning and can't settle again.");
  add(2, "Night shifts", "Does anyone else find sleep hard after a long week of caring?");
  const auto s = scores(temp_.store(), "sleep");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_GT(s.at(1), s.at(2));
}

TEST_F(MatchScoreTest, MoreMatchesScoreHigherButSaturate) {
  add(1, "", "tired");
  add(2, "", "tired and tired");
  add(3, "", "tired tired tired tired tired tired tired tired");
  const auto s = scores(temp_.store(), "tired");
  EXPECT_GT(s.at(2), s.at(1));
  EXPECT_GT(s.at(3), s.at(2));
  // bm25's saturation: eight matches are worth less than eight times one (k1 + 1 = 2.2 at most).
  EXPECT_LT(s.at(3), 3 * s.at(1));
}

TEST_F(MatchScoreTest, TheSameMatchInALongerPostScoresLower) {
  add(1, "", "respite care helped us both");
  add(2, "", "respite care helped us both, though it took months of forms, phone calls, waiting lists, "
             "assessments, more forms and a great deal of patience from everyone in the family");
  const auto s = scores(temp_.store(), "respite");
  EXPECT_GT(s.at(1), s.at(2));
}

TEST_F(MatchScoreTest, ScopeTokensDoNotCount) {
  add(1, "", "garden", "ppublic g7");
  add(2, "", "garden", "ppublic g8");
  const auto s = scores(temp_.store(), "garden AND scope : g7");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.at(1), scores(temp_.store(), "garden").at(2));
}

TEST_F(MatchScoreTest, EveryWordOfTheQueryCounts) {
  add(1, "", "holiday garden holiday garden");
  add(2, "", "holiday garden and some other words");
  const auto both = scores(temp_.store(), "holiday garden");
  const auto one = scores(temp_.store(), "holiday");
  EXPECT_GT(both.at(1), one.at(1));
  EXPECT_GT(both.at(1), both.at(2));
}

}  // namespace
}  // namespace hearth
