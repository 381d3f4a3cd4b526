#include "actions/account_settings.hpp"

#include <gtest/gtest.h>

#include "actions/sessions.hpp"
#include "store/accounts.hpp"
#include "support/temp_store.hpp"

namespace hearth {

class AccountSettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto outcome = do_sign_up(env(), {"kestrel", "first password", "", "c"});
    ASSERT_TRUE(outcome.ok());
    id_ = outcome->account_id;
    codes_ = outcome->recovery_codes;
  }
  ActionEnvironment& env() { return test_.env(); }
  testing::TestEnvironment test_;
  AccountId id_ = 0;
  std::vector<std::string> codes_;
};

TEST_F(AccountSettingsTest, PreferencesAreValidatedAndSaved) {
  auto saved = do_update_preferences(env(), id_, {"Pacific/Auckland", "nz", "mi"});
  ASSERT_TRUE(saved.ok());
  EXPECT_EQ(saved->time_zone, "Pacific/Auckland");
  EXPECT_EQ(saved->region, "NZ");
  EXPECT_EQ(saved->language, "mi");
  auto bad_zone = do_update_preferences(env(), id_, {"Nowhere/City", "", "en"});
  ASSERT_FALSE(bad_zone.ok());
  EXPECT_EQ(bad_zone.error().field, "time_zone");
  auto bad_region = do_update_preferences(env(), id_, {"", "XX", "en"});
  ASSERT_FALSE(bad_region.ok());
  EXPECT_EQ(bad_region.error().field, "region");
  const auto account = test_.store().read([&](Connection& c) { return accounts::find(c, id_); });
  EXPECT_EQ(account->time_zone, "Pacific/Auckland") << "a rejected change must change nothing";
}

TEST_F(AccountSettingsTest, PasswordChangeNeedsTheCurrentPasswordAndEndsOtherSessions) {
  auto here = do_log_in(env(), "kestrel", "first password", "c");
  auto elsewhere = do_log_in(env(), "kestrel", "first password", "c");
  ASSERT_TRUE(here.ok() && elsewhere.ok());
  const auto here_hash = authenticate_session(env(), here->token)->credential_hash;
  auto wrong = do_change_password(env(), id_, "not it", "second password", here_hash);
  ASSERT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.error().field, "current_password");
  ASSERT_TRUE(do_change_password(env(), id_, "first password", "second password", here_hash).ok());
  EXPECT_TRUE(authenticate_session(env(), here->token));
  EXPECT_FALSE(authenticate_session(env(), elsewhere->token));
  EXPECT_FALSE(do_log_in(env(), "kestrel", "first password", "c").ok());
  EXPECT_TRUE(do_log_in(env(), "kestrel", "second password", "c").ok());
}

TEST_F(AccountSettingsTest, RecoveryCodeWorksOnceAndEndsSessions) {
  auto session = do_log_in(env(), "kestrel", "first password", "c");
  ASSERT_TRUE(session.ok());
  std::string typed = codes_[3];
  for (char& ch : typed) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  ASSERT_TRUE(do_recover_account(env(), "kestrel", " " + typed + " ", "recovered password", "c").ok());
  EXPECT_FALSE(authenticate_session(env(), session->token));
  EXPECT_TRUE(do_log_in(env(), "kestrel", "recovered password", "c").ok());
  auto reused = do_recover_account(env(), "kestrel", codes_[3], "another password", "c");
  ASSERT_FALSE(reused.ok());
  EXPECT_EQ(reused.error().code, ErrorCode::unauthorized);
  auto wrong_account = do_recover_account(env(), "someone-else", codes_[4], "another password", "c");
  EXPECT_FALSE(wrong_account.ok());
}

TEST_F(AccountSettingsTest, RecoveryAttemptsAreLimited) {
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(do_recover_account(env(), "kestrel", "aaaa-bbbb-cccc", "new password", "c").ok());
  auto limited = do_recover_account(env(), "kestrel", codes_[0], "new password", "c");
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::rate_limited);
}

TEST_F(AccountSettingsTest, RegeneratedCodesReplaceOldOnes) {
  const auto fresh = do_regenerate_recovery_codes(env(), id_);
  EXPECT_EQ(fresh.size(), 10u);
  EXPECT_FALSE(do_recover_account(env(), "kestrel", codes_[0], "new password", "c").ok());
  EXPECT_TRUE(do_recover_account(env(), "kestrel", fresh[0], "new password", "c").ok());
}

TEST_F(AccountSettingsTest, AccessTokensAuthenticateUntilRevoked) {
  auto token = do_create_access_token(env(), id_, "  backup script ");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->name, "backup script");
  auto viewer = authenticate_bearer(env(), token->token);
  ASSERT_TRUE(viewer);
  EXPECT_TRUE(viewer->via_access_token);
  EXPECT_EQ(viewer->account.id, id_);
  EXPECT_FALSE(do_revoke_access_token(env(), id_ + 1, token->id).ok()) << "only the owner can revoke";
  ASSERT_TRUE(do_revoke_access_token(env(), id_, token->id).ok());
  EXPECT_FALSE(authenticate_bearer(env(), token->token));
  EXPECT_FALSE(do_create_access_token(env(), id_, "   ").ok());
  EXPECT_FALSE(do_create_access_token(env(), id_, "tab\there").ok());
  EXPECT_FALSE(do_create_access_token(env(), id_, std::string(61, 'n')).ok());
}

}  // namespace hearth
