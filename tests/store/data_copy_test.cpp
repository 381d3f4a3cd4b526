#include "store/data_copy.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "actions/groups.hpp"
#include "actions/membership.hpp"
#include "actions/reactions.hpp"
#include "actions/threads.hpp"
#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/search.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

// A community in an SQLite file (the source, always SQLite: that is the direction
// migrate-data is for), copied into a TempStore (SQLite, or PostgreSQL when
// HEARTH_TEST_POSTGRES is set).
class DataCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("hearth-copy-" + random_hex(8));
    std::filesystem::create_directories(dir_);
    auto opened = Store::open({.location = (dir_ / "source.db").string(), .readers = 1});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    source_ = std::move(opened.value());
    env_ = std::make_unique<ActionEnvironment>(ActionEnvironment{*source_, clock_});
    env_->secret_key = load_secret_key(*source_);
    fill_source();
  }
  void TearDown() override {
    env_.reset();
    source_->close();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  AccountId account(const std::string& login, const std::string& email) {
    const AccountId id = random_id();
    source_->write([&](Connection& c) { accounts::insert(c, {id, login, "not-a-real-hash", email, clock_.now()}); });
    return id;
  }

  // Unicode in every script the copy must keep byte for byte, NULLs (no recovery e-mail,
  // no parent post), an anonymous post, a reaction, a search index.
  void fill_source() {
    const AccountId owner = account("owner", "");
    const AccountId ann = account("ann", "ann@example.org");
    GroupDraft draft{.name = "Café für Eltern – 子育て",
                     .description = "Ünïcödé: עברית, العربية, 😀👩🏽‍👧",
                     .privacy = "public"};
    draft.anonymous_posting = true;
    auto group = do_create_group(*env_, owner, draft, PersonaChoice{"Owner Ωmega", std::nullopt});
    ASSERT_TRUE(group.ok()) << group.error().message;
    JoinRequest join;
    join.persona = PersonaChoice{"Ann 🌱", std::nullopt};
    join.accepted_rules = true;
    auto joined = do_join_group(*env_, ann, group->id, join);
    ASSERT_TRUE(joined.ok()) << joined.error().message;
    for (int i = 0; i < 30; ++i) {
      auto thread = do_start_thread(
          *env_, ann, group->id,
          PostDraft{"Schlaflos " + std::to_string(i), "zzz naïve résumé 睡眠 " + std::to_string(i), "", i % 3 == 0},
          "start-key-" + random_hex(8));
      ASSERT_TRUE(thread.ok()) << thread.error().message;
      auto reply =
          do_reply(*env_, owner, thread->thread_id, std::nullopt,
                   PostDraft{"", "Réponse 🙂 " + std::to_string(i), "", false}, "reply-key-" + random_hex(8));
      ASSERT_TRUE(reply.ok()) << reply.error().message;
      if (i == 0) {
        ASSERT_TRUE(do_react(*env_, owner, thread->post_id, ReactionKind::support, true).ok());
      }
      clock_.advance(60'000);
    }
  }

  int64_t count(Store& store, const std::string& table) {
    return store.read([&](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM " + table).value_or(-1); });
  }

  const data_copy::TableCheck* table(const data_copy::Report& report, const std::string& name) {
    for (const auto& t : report.tables) {
      if (t.table == name) return &t;
    }
    return nullptr;
  }

  std::filesystem::path dir_;
  FakeClock clock_{1'795'255'200'000};
  std::unique_ptr<Store> source_;
  std::unique_ptr<ActionEnvironment> env_;
  testing::TempStore target_;
};

TEST_F(DataCopyTest, CopiesEveryTableAndTheChecksumsMatch) {
  std::vector<std::string> seen;
  auto report = data_copy::copy_all(*source_, target_.store(), [&](const auto& t) { seen.push_back(t.table); });
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->all_match());
  EXPECT_FALSE(report->rolled_back);
  EXPECT_EQ(seen.size(), report->tables.size());
  for (const char* name : {"accounts", "support_groups", "personas", "memberships", "threads", "posts", "reactions",
                           "post_search", "post_search_rows", "audit_log", "server_secrets"}) {
    const auto* t = table(*report, name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_GT(t->source_rows, 0) << name;
    EXPECT_EQ(t->target_rows, t->source_rows) << name;
    EXPECT_EQ(count(target_.store(), name), count(*source_, name)) << name;
  }
  EXPECT_EQ(count(target_.store(), "posts"), 60);
  // Engine internals are not copied: no FTS5 shadow table, no migration bookkeeping.
  for (const auto& t : report->tables) {
    EXPECT_NE(t.table, "post_search_data");
    EXPECT_NE(t.table, "schema_migrations");
  }
  // Rows the migrations wrote on both sides are left as they are.
  const auto* services = table(*report, "support_services");
  ASSERT_NE(services, nullptr);
  EXPECT_TRUE(services->already_there);
  EXPECT_TRUE(services->matches());

  // A second look, from scratch, agrees.
  auto again = data_copy::verify(*source_, target_.store());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_TRUE(again->all_match());
}

TEST_F(DataCopyTest, TheCopiedSearchIndexFindsUnicodeWords) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  const search::Scope everyone{.open_privacies = {Privacy::public_group}};
  const auto hits = target_.store().read([&](Connection& c) { return search::query(c, everyone, "睡眠", 50); });
  EXPECT_EQ(hits.size(), 30u);
  const auto accented = target_.store().read([&](Connection& c) { return search::query(c, everyone, "résumé", 50); });
  EXPECT_EQ(accented.size(), 30u);
}

TEST_F(DataCopyTest, TheCopyCanBeWrittenToAfterwards) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  // Identity counters (PostgreSQL's post_search_rows) continue past the copied rows.
  ActionEnvironment target_env{target_.store(), clock_};
  target_env.secret_key = load_secret_key(target_.store());
  EXPECT_EQ(target_env.secret_key, env_->secret_key);  // sessions and CSRF tokens stay valid
  const auto ann = target_.store().read([&](Connection& c) { return accounts::credentials_by_login(c, "ann"); });
  ASSERT_TRUE(ann.has_value());
  const GroupId group =
      *target_.store().read([&](Connection& c) { return c.first_i64("SELECT id FROM support_groups"); });
  auto thread = do_start_thread(target_env, ann->id, group, PostDraft{"After the move", "still here", "", false},
                                "new-key-" + random_hex(8));
  ASSERT_TRUE(thread.ok()) << thread.error().message;
  EXPECT_EQ(count(target_.store(), "post_search_rows"), count(*source_, "post_search_rows") + 1);
}

TEST_F(DataCopyTest, RefusesATargetThatAlreadyHoldsACommunity) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  const int64_t posts = count(target_.store(), "posts");
  auto again = data_copy::copy_all(*source_, target_.store());
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_NE(again.error().message.find("already holds data"), std::string::npos) << again.error().message;
  EXPECT_EQ(count(target_.store(), "posts"), posts);
}

TEST_F(DataCopyTest, ATamperedCopyIsDetected) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  // One character of one post.
  target_.store().write(
      [](Connection& c) { c.run("UPDATE posts SET body = body || '.' WHERE id = (SELECT MIN(id) FROM posts)"); });
  auto report = data_copy::verify(*source_, target_.store());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->all_match());
  for (const auto& t : report->tables) {
    EXPECT_EQ(t.matches(), t.table != "posts") << t.table;
    EXPECT_EQ(t.source_rows, t.target_rows) << t.table;
  }
}

TEST_F(DataCopyTest, ANullTurnedIntoAnEmptyStringIsAMismatch) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  target_.store().write(
      [](Connection& c) { c.run("UPDATE accounts SET recovery_email = '' WHERE recovery_email IS NULL"); });
  auto report = data_copy::verify(*source_, target_.store());
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(table(*report, "accounts")->matches());
}

TEST_F(DataCopyTest, AMissingRowIsAMismatch) {
  ASSERT_TRUE(data_copy::copy_all(*source_, target_.store()).ok());
  target_.store().write([](Connection& c) { c.run("DELETE FROM reactions"); });
  auto report = data_copy::verify(*source_, target_.store());
  ASSERT_TRUE(report.ok());
  const auto* reactions = table(*report, "reactions");
  EXPECT_FALSE(reactions->matches());
  EXPECT_EQ(reactions->source_rows, 1);
  EXPECT_EQ(reactions->target_rows, 0);
}

TEST_F(DataCopyTest, AValueTheTargetStoresDifferentlyRollsTheWholeCopyBack) {
  // SQLite keeps text in an integer column; the copy would write it as a number.
  source_->write([](Connection& c) { c.run("UPDATE accounts SET created_at = 'yesterday' WHERE login_key = 'ann'"); });
  auto report = data_copy::copy_all(*source_, target_.store());
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_FALSE(report->all_match());
  EXPECT_TRUE(report->rolled_back);
  EXPECT_FALSE(table(*report, "accounts")->matches());
  EXPECT_EQ(count(target_.store(), "accounts"), 0);
  EXPECT_EQ(count(target_.store(), "posts"), 0);
}

TEST_F(DataCopyTest, BinaryValuesTravelAsTheirBytes) {
  source_->write([](Connection& c) {
    c.execute_script("CREATE TABLE copy_test_blobs (id BIGINT PRIMARY KEY, data BLOB)");
    c.execute_script("INSERT INTO copy_test_blobs VALUES (1, X'00FF10'), (2, NULL), (3, X'')");
    // A BLOB in a TEXT column (SQLite allows it): copied as the text it spells.
    c.execute_script("UPDATE posts SET body = CAST('bytes ✓' AS BLOB) WHERE id = (SELECT MIN(id) FROM posts)");
  });
  const bool postgres = target_.store().engine() == "postgres";
  target_.store().write([&](Connection& c) {
    c.execute_script(std::string("CREATE TABLE copy_test_blobs (id BIGINT PRIMARY KEY, data ") +
                     (postgres ? "BYTEA)" : "BLOB)"));
  });
  auto report = data_copy::copy_all(*source_, target_.store());
  if (!postgres) {
    // SQLite 3.40 has no unhex(): binary columns can only be copied to PostgreSQL.
    ASSERT_FALSE(report.ok());
    EXPECT_NE(report.error().message.find("copy_test_blobs.data"), std::string::npos) << report.error().message;
    return;
  }
  ASSERT_TRUE(report.ok()) << report.error().message;
  EXPECT_TRUE(report->all_match());
  const auto hex = target_.store().read([](Connection& c) {
    return c.all<std::string>("SELECT COALESCE(encode(data, 'hex'), 'null') FROM copy_test_blobs ORDER BY id", {},
                              [](const Row& row) { return row.text(0); });
  });
  EXPECT_EQ(hex, (std::vector<std::string>{"00ff10", "null", ""}));
}

TEST(DataCopyOpen, AMissingSqliteFileIsRefusedNotCreated) {
  const auto path = std::filesystem::temp_directory_path() / ("hearth-missing-" + random_hex(8) + ".db");
  auto opened = data_copy::open_existing("sqlite://" + path.string());
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code, ErrorCode::not_found);
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace hearth
