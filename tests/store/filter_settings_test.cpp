#include "store/filter_settings.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "actions/conversations_fixture.hpp"
#include "actions/posts.hpp"
#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

TEST(FilterSettingsTest, StrictIsOffUntilChosenAndPerGroup) {
  testing::TempStore temp;
  temp.store().write([&](Connection& c) {
    for (GroupId g : {21, 22}) groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "G", .created_at = 1});
  });
  const auto strict = [&](GroupId g) {
    return temp.store().read([&](Connection& c) { return filter_settings::strict_third_party(c, g); });
  };
  EXPECT_FALSE(strict(21));
  temp.store().write([&](Connection& c) { filter_settings::set_strict_third_party(c, 21, true); });
  EXPECT_TRUE(strict(21));
  EXPECT_FALSE(strict(22));
  temp.store().write([&](Connection& c) { filter_settings::set_strict_third_party(c, 21, false); });
  EXPECT_FALSE(strict(21));
}

class ThreadPseudonymsTest : public testing::ConversationTest {
 protected:
  std::vector<std::string> names(GroupId group_id, ThreadId thread_id, int limit = 300) {
    auto found = store().read(
        [&](Connection& c) { return filter_settings::thread_pseudonyms(c, group_id, thread_id, limit); });
    std::sort(found.begin(), found.end());
    return found;
  }
};

TEST_F(ThreadPseudonymsTest, SignedAuthorsOfTheThreadOnceEach) {
  const AccountId owner = account("owner");
  const AccountId ann = account("ann");
  const AccountId ben = account("ben");
  const AccountId cat = account("cat");
  const GroupId group_id = group(owner, "Pseudonyms group", "public");
  member(ann, group_id, "Quiet Harbour");
  member(ben, group_id, "Morning Fern");
  member(cat, group_id, "Hidden Lark");
  const NewThread thread = start(ann, group_id, "A thread", "Opening words.");
  reply(ann, thread.thread_id, std::nullopt, "Again from the opener.");
  reply(ben, thread.thread_id, std::nullopt, "A signed reply.");
  reply(cat, thread.thread_id, std::nullopt, "An anonymous reply.", true);
  const PostId removed = reply(owner, thread.thread_id, std::nullopt, "Taken back later.");
  ASSERT_TRUE(do_delete_post(env(), owner, removed).ok());
  const NewThread other = start(cat, group_id, "Another thread", "Signed, elsewhere.");

  // Anonymous and removed posts never lend their author's name; another thread's authors
  // are not this thread's.
  EXPECT_EQ(names(group_id, thread.thread_id), (std::vector<std::string>{"Morning Fern", "Quiet Harbour"}));
  EXPECT_EQ(names(group_id, other.thread_id), (std::vector<std::string>{"Hidden Lark"}));
  EXPECT_EQ(names(group_id, thread.thread_id, 1).size(), 1u);
  // The group must be the thread's own.
  const GroupId elsewhere = group(owner, "Another group", "public");
  EXPECT_TRUE(names(elsewhere, thread.thread_id).empty());
}

}  // namespace
}  // namespace hearth
