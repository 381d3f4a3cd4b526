#include "actions/sessions.hpp"

#include <gtest/gtest.h>

#include "store/accounts.hpp"
#include "store/audit_log.hpp"
#include "store/recovery_codes.hpp"
#include "store/sessions.hpp"
#include "support/temp_store.hpp"

namespace hearth {

class SessionsTest : public ::testing::Test {
 protected:
  AccountId sign_up(const std::string& login, const std::string& password = "a long password") {
    auto outcome = do_sign_up(env(), {login, password, "", "client-1"});
    EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().message);
    return outcome.ok() ? outcome->account_id : 0;
  }
  ActionEnvironment& env() { return test_.env(); }
  testing::TestEnvironment test_;
};

TEST_F(SessionsTest, SignUpStoresOnlyHashesAndGivesTenCodes) {
  auto outcome = do_sign_up(env(), {"river", "a long password", "me@example.org", "c"});
  ASSERT_TRUE(outcome.ok());
  EXPECT_EQ(outcome->recovery_codes.size(), 10u);
  const auto stored = test_.store().read([&](Connection& c) {
    std::string hash, email;
    c.execute("SELECT password_hash, recovery_email FROM accounts WHERE id = ?", {outcome->account_id},
              [&](const Row& r) { hash = r.text(0); email = r.text(1); });
    return std::pair{hash, email};
  });
  EXPECT_EQ(stored.first.rfind("$argon2id$", 0), 0u);
  EXPECT_EQ(stored.second, "me@example.org");
  EXPECT_EQ(test_.store().read([&](Connection& c) { return recovery_codes::count_unused(c, outcome->account_id); }), 10);
  const auto code_rows = test_.store().read([&](Connection& c) {
    return c.first_i64("SELECT COUNT(*) FROM recovery_codes WHERE code_hash = ?", {outcome->recovery_codes[0]});
  });
  EXPECT_EQ(code_rows, 0) << "recovery codes must never be stored in clear";
}

TEST_F(SessionsTest, SignUpRejectsBadInputWithAFieldAndMessage) {
  auto short_login = do_sign_up(env(), {"ab", "a long password", "", "c"});
  ASSERT_FALSE(short_login.ok());
  EXPECT_EQ(short_login.error().field, "login");
  auto spaces = do_sign_up(env(), {"two words", "a long password", "", "c"});
  ASSERT_FALSE(spaces.ok());
  EXPECT_NE(spaces.error().message.find("without spaces"), std::string::npos);
  auto weak = do_sign_up(env(), {"river", "short", "", "c"});
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().field, "password");
  auto same = do_sign_up(env(), {"riverbank", "RIVERBANK", "", "c"});
  ASSERT_FALSE(same.ok());
  auto email = do_sign_up(env(), {"river", "a long password", "not-an-email", "c"});
  ASSERT_FALSE(email.ok());
  EXPECT_EQ(email.error().field, "recovery_email");
  EXPECT_EQ(test_.store().read([](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM accounts"); }), 0);
}

TEST_F(SessionsTest, LoginNamesAreUniqueIgnoringCase) {
  sign_up("Willow");
  auto again = do_sign_up(env(), {"willow", "another password", "", "c"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
}

TEST_F(SessionsTest, LogInWithRightPasswordOnly) {
  const AccountId id = sign_up("heron", "quiet morning tea");
  auto wrong = do_log_in(env(), "heron", "quiet morning coffee", "c");
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::unauthorized);
  auto unknown = do_log_in(env(), "nobody-here", "quiet morning tea", "c");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.error().message, wrong.error().message) << "must not reveal which login names exist";
  auto right = do_log_in(env(), "HERON", "quiet morning tea", "c");
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->account_id, id);
  EXPECT_GE(right->token.size(), 43u);
  auto viewer = authenticate_session(env(), right->token);
  ASSERT_TRUE(viewer);
  EXPECT_EQ(viewer->account.id, id);
  const auto stored = test_.store().read([&](Connection& c) { return sessions::find(c, right->token); });
  EXPECT_FALSE(stored) << "session tokens must be stored only as hashes";
}

TEST_F(SessionsTest, FailedLoginsLockTheAccountForAWhile) {
  sign_up("finch", "the right password");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(do_log_in(env(), "finch", "wrong", "c").error().code, ErrorCode::unauthorized);
  auto limited = do_log_in(env(), "finch", "the right password", "c2");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
  EXPECT_GT(limited.error().retry_after_seconds, 0);
  EXPECT_NE(limited.error().message.find("wait"), std::string::npos);
  test_.clock().advance(15 * 60 * 1000 + 1);
  EXPECT_TRUE(do_log_in(env(), "finch", "the right password", "c2").ok());
}

TEST_F(SessionsTest, ManyAttemptsFromOneClientAreLimited) {
  env().limits.login_attempts_per_client_per_15_minutes = 3;
  sign_up("wren", "the right password");
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(do_log_in(env(), "someone" + std::to_string(i), "x", "same-client").ok());
  EXPECT_EQ(do_log_in(env(), "wren", "the right password", "same-client").error().code, ErrorCode::rate_limited);
  EXPECT_TRUE(do_log_in(env(), "wren", "the right password", "other-client").ok());
}

TEST_F(SessionsTest, SignUpsPerClientAreLimited) {
  env().limits.signups_per_client_per_hour = 2;
  EXPECT_TRUE(do_sign_up(env(), {"one1", "a long password", "", "k"}).ok());
  EXPECT_TRUE(do_sign_up(env(), {"two2", "a long password", "", "k"}).ok());
  auto third = do_sign_up(env(), {"three3", "a long password", "", "k"});
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.error().code, ErrorCode::rate_limited);
}

TEST_F(SessionsTest, SessionsExpireAndSlide) {
  env().session_lifetime_ms = 2 * 3600 * 1000;
  sign_up("lark", "the right password");
  auto session = do_log_in(env(), "lark", "the right password", "c");
  ASSERT_TRUE(session.ok());
  test_.clock().advance(90 * 60 * 1000);  // used after 1.5 h: extended to 3.5 h
  EXPECT_TRUE(authenticate_session(env(), session->token));
  test_.clock().advance(110 * 60 * 1000);  // 3h20m: still alive thanks to the slide
  EXPECT_TRUE(authenticate_session(env(), session->token));
  test_.clock().advance(3 * 3600 * 1000);  // idle beyond the lifetime
  EXPECT_FALSE(authenticate_session(env(), session->token));
}

TEST_F(SessionsTest, LogOutAndLogOutEverywhere) {
  const AccountId id = sign_up("robin", "the right password");
  auto a = do_log_in(env(), "robin", "the right password", "c");
  auto b = do_log_in(env(), "robin", "the right password", "c");
  ASSERT_TRUE(a.ok() && b.ok());
  do_log_out(env(), a->token);
  EXPECT_FALSE(authenticate_session(env(), a->token));
  EXPECT_TRUE(authenticate_session(env(), b->token));
  // A later moment than the sign-up: entries of the same millisecond have no order.
  test_.clock().advance(1000);
  do_log_out_everywhere(env(), id);
  EXPECT_FALSE(authenticate_session(env(), b->token));
  const auto log = test_.store().read([&](Connection& c) { return audit_log::recent_for(c, id, 10); });
  ASSERT_FALSE(log.empty());
  EXPECT_EQ(log.front().action, "sessions.ended_everywhere");
}

TEST_F(SessionsTest, GarbageTokensAreNotSessions) {
  EXPECT_FALSE(authenticate_session(env(), ""));
  EXPECT_FALSE(authenticate_session(env(), std::string(5000, 'x')));
  EXPECT_FALSE(authenticate_bearer(env(), "not-a-token"));
}

}  // namespace hearth
