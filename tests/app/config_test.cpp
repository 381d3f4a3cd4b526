#include "app/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/random.hpp"

namespace hearth {

TEST(Config, DefaultsNeedNoFile) {
  auto config = load_config({}, {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->listen, "127.0.0.1:8080");
  EXPECT_EQ(config->host(), "127.0.0.1");
  EXPECT_EQ(config->port(), 8080);
  EXPECT_EQ(config->database_location(), "sqlite:./hearth-data/hearth.db");
  EXPECT_EQ(config->limits.signups_per_client_per_hour, 10);
}

TEST(Config, FileThenEnvironmentThenFlags) {
  const auto path = std::filesystem::temp_directory_path() / ("hearth-" + random_hex(6) + ".toml");
  std::ofstream(path) << "listen = \"0.0.0.0:9000\"\nworkers = 8\nlog_level = \"warn\"\n"
                         "[limits]\nsignups_per_client_per_hour = 3\n";
  auto config = load_config({{"--config", path.string()}, {"--workers", "2"}},
                            {{"HEARTH_WORKERS", "6"}, {"HEARTH_LOG_LEVEL", "debug"}, {"HEARTH_DATA", "/tmp/x"}});
  std::filesystem::remove(path);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_EQ(config->listen, "0.0.0.0:9000");            // file
  EXPECT_EQ(config->log_level, "debug");                // environment over file
  EXPECT_EQ(config->workers, 2);                        // flag over environment
  EXPECT_EQ(config->data_dir, "/tmp/x");
  EXPECT_EQ(config->limits.signups_per_client_per_hour, 3);
}

TEST(Config, ATomlBooleanIsABoolean) {
  const auto path = std::filesystem::temp_directory_path() / ("hearth-" + random_hex(6) + ".toml");
  std::ofstream(path) << "trust_proxy = true\n";
  auto config = load_config({{"--config", path.string()}}, {});
  std::filesystem::remove(path);
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->trust_proxy);
}

TEST(Config, TheDeployExampleIsValid) {
  // The repository root: the first directory up from here (ctest runs in the build tree,
  // which is inside the repository) that has deploy/. Not __FILE__: with CCACHE_BASEDIR
  // set, it is relative to the build directory.
  auto root = std::filesystem::current_path();
  while (!std::filesystem::exists(root / "deploy" / "hearth.toml") && root.has_relative_path()) {
    root = root.parent_path();
  }
  if (!root.has_relative_path()) {  // a build tree elsewhere: the source path, when absolute
    root = std::filesystem::path(__FILE__).parent_path().parent_path().parent_path();
  }
  auto config = load_config({{"--config", (root / "deploy" / "hearth.toml").string()}}, {});
  ASSERT_TRUE(config.ok()) << config.error().message;
  EXPECT_TRUE(config->trust_proxy);
  EXPECT_EQ(config->database_location().rfind("postgresql://", 0), 0u);
}

TEST(Config, APostgresqlDatabaseComesFromTheEnvironmentOrAFlag) {
  const std::string url = "postgresql://hearth@db.internal/hearth";
  auto from_env = load_config({}, {{"HEARTH_DATABASE", url}});
  ASSERT_TRUE(from_env.ok()) << from_env.error().message;
  EXPECT_EQ(from_env->database_location(), url);
  auto from_flag = load_config({{"--database", "postgresql:///other"}}, {{"HEARTH_DATABASE", url}});
  ASSERT_TRUE(from_flag.ok()) << from_flag.error().message;
  EXPECT_EQ(from_flag->database_location(), "postgresql:///other");
}

TEST(Config, AReadReplicaComesFromTheFileTheEnvironmentOrAFlag) {
  EXPECT_EQ(load_config({}, {})->database_replica, "");
  const std::string url = "postgresql://hearth@replica.internal/hearth";
  auto from_env = load_config({}, {{"HEARTH_DATABASE_REPLICA", url}});
  ASSERT_TRUE(from_env.ok()) << from_env.error().message;
  EXPECT_EQ(from_env->database_replica, url);
  auto from_flag = load_config({{"--database-replica", "postgresql:///other"}}, {{"HEARTH_DATABASE_REPLICA", url}});
  ASSERT_TRUE(from_flag.ok()) << from_flag.error().message;
  EXPECT_EQ(from_flag->database_replica, "postgresql:///other");
}

TEST(Config, BadValuesAreExplained) {
  auto bad_number = load_config({}, {{"HEARTH_WORKERS", "lots"}});
  ASSERT_FALSE(bad_number.ok());
  EXPECT_NE(bad_number.error().message.find("HEARTH_WORKERS"), std::string::npos);
  EXPECT_NE(bad_number.error().message.find("whole number"), std::string::npos);
  EXPECT_FALSE(load_config({{"--no-such-flag", "1"}}, {}).ok());
  EXPECT_FALSE(load_config({{"--listen", "nonsense"}}, {}).ok());
  EXPECT_FALSE(load_config({{"--config", "/nonexistent/hearth.toml"}}, {}).ok());
  EXPECT_TRUE(load_config({{"--listen", "[::1]:0"}}, {}).ok());
}

TEST(Config, NamesFollowOneRule) {
  EXPECT_EQ(flag_for("limits.signups_per_client_per_hour"), "--limits-signups-per-client-per-hour");
  EXPECT_EQ(env_for("limits.signups_per_client_per_hour"), "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR");
  EXPECT_EQ(flag_for("data"), "--data");
}

}  // namespace hearth
