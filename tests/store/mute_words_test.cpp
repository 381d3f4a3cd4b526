#include "store/mute_words.hpp"

#include <gtest/gtest.h>

#include "store/accounts.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

TEST(MuteWords, EachMemberKeepsTheirOwnList) {
  testing::TempStore temp;
  const AccountId alice = 1;
  const AccountId bob = 2;
  temp.store().write([&](Connection& c) {
    accounts::insert(c, {.id = alice, .login_name = "alice", .password_hash = "x", .created_at = 1});
    accounts::insert(c, {.id = bob, .login_name = "bob", .password_hash = "x", .created_at = 1});
  });
  const auto add = [&](AccountId who, const std::string& phrase, const std::string& key, UnixMillis at) {
    return temp.store().write([&](Connection& c) { return mute_words::add(c, who, phrase, key, at); });
  };
  const auto list = [&](AccountId who) {
    return temp.store().read([&](Connection& c) { return mute_words::list(c, who); });
  };

  const auto diet = add(alice, "Diet", "diet", 10);
  ASSERT_TRUE(diet);
  ASSERT_TRUE(add(alice, "weight loss", "weight loss", 20));
  EXPECT_FALSE(add(alice, "DIET", "diet", 30));  // same key: already muted
  ASSERT_TRUE(add(bob, "diet", "diet", 40));

  const std::vector<MuteWord> mine = list(alice);
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].phrase, "Diet");
  EXPECT_EQ(mine[0].created_at, 10);
  EXPECT_EQ(mine[1].phrase, "weight loss");
  EXPECT_EQ(temp.store().read([&](Connection& c) { return mute_words::count(c, alice); }), 2);

  // Bob can't remove Alice's entry; Alice can, once.
  EXPECT_FALSE(temp.store().write([&](Connection& c) { return mute_words::remove(c, bob, *diet); }));
  EXPECT_TRUE(temp.store().write([&](Connection& c) { return mute_words::remove(c, alice, *diet); }));
  EXPECT_FALSE(temp.store().write([&](Connection& c) { return mute_words::remove(c, alice, *diet); }));
  EXPECT_EQ(list(alice).size(), 1u);
  EXPECT_EQ(list(bob).size(), 1u);
}

}  // namespace
}  // namespace hearth
