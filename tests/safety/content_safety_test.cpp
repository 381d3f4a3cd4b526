#include "safety/content_safety.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "safety/list_entry.hpp"
#include "store/accounts.hpp"
#include "store/groups.hpp"
#include "support/temp_store.hpp"

namespace hearth::safety {
namespace {

class ContentSafetyTest : public ::testing::Test {
 protected:
  static const ContentSafety& shared() {
    static const ContentSafety safety;  // compiling the curated lists once is enough for every test
    return safety;
  }

  void SetUp() override {
    store().write([&](Connection& c) {
      accounts::insert(c, {.id = moderator_, .login_name = "mod", .password_hash = "x", .created_at = 1});
      for (GroupId g : {group_, other_}) {
        groups::insert(c, Group{.id = g, .slug = "g" + std::to_string(g), .name = "Group", .created_at = 1});
      }
    });
  }
  Store& store() { return temp_.store(); }

  int64_t watch(std::optional<GroupId> group, std::string_view text, WatchAction action, std::string message = "") {
    const ListEntry entry = prepare_list_entry(text).value();
    return store().write([&](Connection& c) {
      return watched_words::add(c, {.group_id = group,
                                    .phrase = entry.phrase,
                                    .phrase_key = entry.key,
                                    .action = action,
                                    .message = message,
                                    .created_by = moderator_,
                                    .created_at = 5})
          .value();
    });
  }
  void unwatch(std::optional<GroupId> group, int64_t id) {
    store().write([&](Connection& c) { watched_words::remove(c, group, id); });
  }
  Verdict check(const ContentSafety& safety, FilterInput input) {
    return store().read([&](Connection& c) { return safety.check(c, input); });
  }

  testing::TempStore temp_;
  const AccountId moderator_ = 1;
  const GroupId group_ = 100;
  const GroupId other_ = 200;
};

TEST_F(ContentSafetyTest, WatchedWordsTakeTheirActions) {
  watch(group_, "idiot*", WatchAction::hold);
  watch(group_, "diet", WatchAction::block, "This group doesn't discuss diets.");
  watch(group_, "crap", WatchAction::censor);
  watch(group_, "meetup", WatchAction::flag);
  const ContentSafety& safety = shared();

  Verdict v = check(safety, {.text = "what an 1d10t", .group_id = group_});
  EXPECT_EQ(v.decision, FilterAction::hold);
  ASSERT_EQ(v.findings.size(), 1u);
  EXPECT_EQ(v.findings[0].filter, "watched_words");
  EXPECT_EQ(v.findings[0].detail, "watched word \"idiot*\"");
  EXPECT_EQ(v.findings[0].spans, (std::vector<Span>{{8, 13}}));

  v = check(safety, {.text = "My D I E T starts Monday", .group_id = group_});
  EXPECT_EQ(v.decision, FilterAction::block);
  EXPECT_EQ(v.messages(FilterAction::block), std::vector<std::string>{"This group doesn't discuss diets."});

  v = check(safety, {.text = "what a load of CRAP, honestly", .group_id = group_});
  EXPECT_EQ(v.decision, FilterAction::censor);
  EXPECT_EQ(v.censored_text, "what a load of \u2022\u2022\u2022\u2022, honestly");

  v = check(safety, {.text = "anyone up for a meetup?", .group_id = group_});
  EXPECT_EQ(v.decision, FilterAction::flag);
  EXPECT_TRUE(v.messages(FilterAction::flag).empty());  // the author is not told

  // Another group's list does not apply.
  EXPECT_EQ(check(safety, {.text = "what an idiot", .group_id = other_}).decision, FilterAction::allow);
}

TEST_F(ContentSafetyTest, ThePlatformListAppliesEverywhere) {
  watch(std::nullopt, "buy followers", WatchAction::block);
  const ContentSafety& safety = shared();
  for (std::optional<GroupId> g :
       {std::optional<GroupId>(group_), std::optional<GroupId>(other_), std::optional<GroupId>()}) {
    const Verdict v = check(safety, {.text = "Buy   followers here", .kind = ContentKind::message, .group_id = g});
    EXPECT_EQ(v.decision, FilterAction::block);
    EXPECT_EQ(v.findings[0].detail, "platform watched word \"buy followers\"");
    EXPECT_EQ(v.findings[0].message, watched_block_message);
  }
}

TEST_F(ContentSafetyTest, AChangedListIsRecompiledOnceAndTakesEffectAtOnce) {
  const ContentSafety& safety = shared();
  const FilterInput input{.text = "you absolute muppet", .group_id = group_};
  EXPECT_EQ(check(safety, input).decision, FilterAction::allow);
  const uint64_t before = safety.watched_list_compilations();

  const int64_t id = watch(group_, "muppet", WatchAction::hold);
  EXPECT_EQ(check(safety, input).decision, FilterAction::hold);
  EXPECT_EQ(safety.watched_list_compilations(), before + 1);
  for (int i = 0; i < 5; ++i) check(safety, input);  // unchanged list: no more compiling
  EXPECT_EQ(safety.watched_list_compilations(), before + 1);

  unwatch(group_, id);
  EXPECT_EQ(check(safety, input).decision, FilterAction::allow);
  EXPECT_EQ(safety.watched_list_compilations(), before + 2);
}

TEST_F(ContentSafetyTest, EveryFilterRunsInOneCheck) {
  watch(group_, "idiot", WatchAction::flag);
  const Verdict v = check(shared(), {.text = "You idiot. Call Sarah Jones on 07700 900123. I want to die.",
                                     .kind = ContentKind::reply,
                                     .group_id = group_,
                                     .author_region = "GB"});
  std::vector<std::string> filters;
  for (const Finding& f : v.findings) filters.push_back(f.filter);
  EXPECT_EQ(filters, (std::vector<std::string>{"crisis", "watched_words", "third_party", "kindness"}));
  EXPECT_EQ(v.decision, FilterAction::reconsider);
  EXPECT_TRUE(v.crisis);
  EXPECT_EQ(v.crisis_regions, std::vector<std::string>{"GB"});
}

TEST_F(ContentSafetyTest, ChecksFromManyThreadsAtOnce) {
  watch(group_, "muppet", WatchAction::hold);
  const ContentSafety& safety = shared();
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        const Verdict v = check(safety, {.text = "such a muppet", .kind = ContentKind::reply, .group_id = group_});
        if (v.decision != FilterAction::hold) ++wrong;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(ContentSafetyTest, CrisisSearchQueries) {
  EXPECT_TRUE(shared().is_crisis_query("how to kill myself"));
  EXPECT_TRUE(shared().is_crisis_query("SUICIDE"));
  EXPECT_FALSE(shared().is_crisis_query("sleep hygiene"));
}

TEST_F(ContentSafetyTest, MuteWordsHidePostsForTheirMemberOnly) {
  const ContentSafety& safety = shared();
  const std::vector<MuteWord> words = {{1, "diet*", 0}, {2, "weight loss", 0}};
  const auto matcher = safety.mute_matcher(42, words);
  EXPECT_TRUE(matcher->hides("Started a new D.I.E.T today"));
  EXPECT_TRUE(matcher->hides("my dietitian said"));
  EXPECT_TRUE(matcher->hides("WEIGHT   LOSS tips"));
  EXPECT_FALSE(matcher->hides("weight gain and loss of appetite"));
  EXPECT_EQ(safety.mute_matcher(42, words), matcher);              // cached
  EXPECT_NE(safety.mute_matcher(42, {{1, "diet*", 0}}), matcher);  // the list changed
  EXPECT_TRUE(safety.mute_matcher(43, {})->empty());
  EXPECT_FALSE(safety.mute_matcher(43, {})->hides("diet"));
}

}  // namespace
}  // namespace hearth::safety
