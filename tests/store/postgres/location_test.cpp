#include "store/postgres/location.hpp"

#include <gtest/gtest.h>

namespace hearth::postgres {

TEST(PostgresLocation, RecognisesBothSchemes) {
  EXPECT_TRUE(is_url("postgresql://db.example/hearth"));
  EXPECT_TRUE(is_url("postgres:///hearth?host=/run/postgresql"));
  EXPECT_FALSE(is_url("sqlite:/var/lib/hearth.db"));
  EXPECT_FALSE(is_url("postgres.db"));
}

TEST(PostgresLocation, RedactsPasswordsInTheUserPartAndTheQuery) {
  EXPECT_EQ(redacted("postgresql://hearth:s3cret@db:5432/hearth"), "postgresql://hearth:***@db:5432/hearth");
  EXPECT_EQ(redacted("postgresql://db/hearth?user=h&password=s3cret&sslmode=require"),
            "postgresql://db/hearth?user=h&password=***&sslmode=require");
  EXPECT_EQ(redacted("postgresql://hearth@db/hearth"), "postgresql://hearth@db/hearth");
}

TEST(PostgresLocation, SwapsTheDatabaseKeepingServerAndOptions) {
  EXPECT_EQ(with_database("postgresql:///postgres?host=/tmp/pg&user=hearth", "t1"),
            "postgresql:///t1?host=/tmp/pg&user=hearth");
  EXPECT_EQ(with_database("postgresql://u:p@db:5432/old", "t2"), "postgresql://u:p@db:5432/t2");
  EXPECT_EQ(with_database("postgresql://db", "t3"), "postgresql://db/t3");
  EXPECT_EQ(with_database("postgresql://db?sslmode=require", "t4"), "postgresql://db/t4?sslmode=require");
}

}  // namespace hearth::postgres
