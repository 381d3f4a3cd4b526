#include "store/reports.hpp"

#include <gtest/gtest.h>

#include "actions/conversations_fixture.hpp"
#include "core/random.hpp"

namespace hearth {
namespace {

class ReportsStoreTest : public testing::ConversationTest {
 protected:
  void SetUp() override {
    owner_ = account("owner");
    reporter_ = account("reporter");
    other_ = account("other");
    group_ = group(owner_, "Night owls", "public");
  }
  bool file(AccountId who, int64_t post, ReportReason reason, UnixMillis at, std::string note = "") {
    return store().write([&](Connection& c) {
      return reports::insert_once(c, {random_id(), group_, ReportItem::post, post, 9, who, {reason, std::nullopt, note},
                                      at});
    });
  }
  AccountId owner_ = 0, reporter_ = 0, other_ = 0;
  GroupId group_ = 0;
};

TEST_F(ReportsStoreTest, OneReportPerReporterAndItem) {
  EXPECT_TRUE(file(reporter_, 100, ReportReason::spam, 1));
  EXPECT_FALSE(file(reporter_, 100, ReportReason::hurtful, 2)) << "the first report stands";
  EXPECT_TRUE(file(other_, 100, ReportReason::hurtful, 3));
  const auto item = store().read([&](Connection& c) { return reports::open_for(c, group_, ReportItem::post, 100); });
  EXPECT_EQ(item.count, 2);
  EXPECT_EQ(item.reasons, (std::vector<ReportReason>{ReportReason::spam, ReportReason::hurtful}));
  EXPECT_EQ(item.first_at, 1);
}

TEST_F(ReportsStoreTest, TheQueuePutsSomeoneAtRiskFirstThenTheOldest) {
  file(reporter_, 1, ReportReason::spam, 10, "old");
  file(reporter_, 2, ReportReason::hurtful, 20);
  file(reporter_, 3, ReportReason::at_risk, 30);
  file(other_, 2, ReportReason::other, 5);
  const auto items = store().read([&](Connection& c) { return reports::open_items(c, group_, 10); });
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].item_id, 3);
  EXPECT_TRUE(items[0].at_risk);
  EXPECT_EQ(items[1].item_id, 2) << "its first report is the oldest";
  EXPECT_EQ(items[1].count, 2);
  EXPECT_EQ(items[2].notes, std::vector<std::string>{"old"});
}

TEST_F(ReportsStoreTest, ResolvingClosesTheItemAndTheReporterSeesTheOutcome) {
  file(reporter_, 1, ReportReason::spam, 10);
  file(reporter_, 2, ReportReason::spam, 11);
  EXPECT_EQ(store().write([&](Connection& c) {
              return reports::resolve_item(c, group_, ReportItem::post, 1, ReportOutcome::removed, 50);
            }),
            1);
  const auto open = store().read([&](Connection& c) { return reports::open_items(c, group_, 10); });
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].item_id, 2);
  const auto mine = store().read([&](Connection& c) { return reports::of_reporter(c, reporter_, 10); });
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[1].outcome, ReportOutcome::removed);
  EXPECT_EQ(mine[1].resolved_at, 50);
  EXPECT_EQ(mine[0].outcome, ReportOutcome::open);
  EXPECT_EQ(mine[0].group_name, "Night owls");
  EXPECT_FALSE(mine[0].membership) << "the reporter isn't a member";
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

TEST_F(ReportsStoreTest, TheMedianWaitCountsDecisionsSinceTheGivenTime) {
  EXPECT_EQ(store().read([&](Connection& c) { return reports::median_ms_to_decision(c, group_, 0); }), std::nullopt);
  file(reporter_, 1, ReportReason::spam, 1'000);
  file(reporter_, 2, ReportReason::spam, 1'000);
  file(reporter_, 3, ReportReason::spam, 1'000);
  file(reporter_, 4, ReportReason::spam, 1'000);
  const auto decide = [&](int64_t post, UnixMillis at) {
    store().write([&](Connection& c) { reports::resolve_item(c, group_, ReportItem::post, post, ReportOutcome::no_action, at); });
  };
  decide(1, 2'000);   // waited 1 s, but before the window
  decide(2, 11'000);  // 10 s
  decide(3, 31'000);  // 30 s
  EXPECT_EQ(store().read([&](Connection& c) { return reports::median_ms_to_decision(c, group_, 5'000); }), 20'000);
  decide(4, 101'000);  // 100 s
  EXPECT_EQ(store().read([&](Connection& c) { return reports::median_ms_to_decision(c, group_, 5'000); }), 30'000);
  EXPECT_EQ(store().read([&](Connection& c) { return reports::median_ms_to_decision(c, group_, 0); }), 20'000);
}

}  // namespace
}  // namespace hearth
