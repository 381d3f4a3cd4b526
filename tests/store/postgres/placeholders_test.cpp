#include "store/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace hearth::postgres {

TEST(PostgresPlaceholders, NumbersEachQuestionMarkInOrder) {
  const auto numbered = number_placeholders("SELECT a FROM t WHERE b = ? AND c IN (?, ?) LIMIT ?");
  EXPECT_EQ(numbered.sql, "SELECT a FROM t WHERE b = $1 AND c IN ($2, $3) LIMIT $4");
  EXPECT_EQ(numbered.placeholders, 4);
}

TEST(PostgresPlaceholders, LeavesQuestionMarksInLiteralsIdentifiersAndComments) {
  const auto numbered = number_placeholders(
      "SELECT 'why?', 'it''s ?', \"odd?name\", E'a\\'?' -- really?\n"
      "/* and ? here */ FROM t WHERE x = ?");
  EXPECT_EQ(numbered.sql,
            "SELECT 'why?', 'it''s ?', \"odd?name\", E'a\\'?' -- really?\n"
            "/* and ? here */ FROM t WHERE x = $1");
  EXPECT_EQ(numbered.placeholders, 1);
}

TEST(PostgresPlaceholders, SkipsDollarQuotedBodiesButNotPositionalParameters) {
  EXPECT_EQ(number_placeholders("SELECT $$is it?$$, $tag$ ? $tag$, ?").sql, "SELECT $$is it?$$, $tag$ ? $tag$, $1");
  EXPECT_EQ(number_placeholders("SELECT $1, ?").sql, "SELECT $1, $1");
}

TEST(PostgresPlaceholders, BackslashIsOrdinaryInStandardStrings) {
  // LIKE … ESCAPE '\' must not swallow the placeholder after it.
  const auto numbered = number_placeholders("SELECT 1 WHERE a LIKE ? ESCAPE '\\' AND b = ?");
  EXPECT_EQ(numbered.sql, "SELECT 1 WHERE a LIKE $1 ESCAPE '\\' AND b = $2");
}

}  // namespace hearth::postgres
