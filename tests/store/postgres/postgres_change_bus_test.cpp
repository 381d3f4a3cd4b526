// Two nodes (two Stores) on one PostgreSQL database hear of each other's changes through
// LISTEN/NOTIFY, and never of their own. Run with HEARTH_TEST_POSTGRES set (ctest's
// postgres.unit.* runs do); on SQLite, publishing is a no-op and nobody hears anything.
#include "store/postgres/postgres_change_bus.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/postgres/postgres_database.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

using Kind = ChangeNotice::Kind;
using namespace std::chrono_literals;

// What a subscriber heard, waited for with a deadline.
class Heard {
 public:
  ChangeBus::Subscriber subscriber() {
    return [this](const std::vector<ChangeNotice>& notices) {
      std::lock_guard lock(mutex_);
      notices_.insert(notices_.end(), notices.begin(), notices.end());
      changed_.notify_all();
    };
  }
  bool wait_for(const ChangeNotice& notice, std::chrono::milliseconds timeout = 5s) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout,
                             [&] { return std::find(notices_.begin(), notices_.end(), notice) != notices_.end(); });
  }
  std::vector<ChangeNotice> all() {
    std::lock_guard lock(mutex_);
    return notices_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<ChangeNotice> notices_;
};

class ChangeBusTest : public ::testing::Test {
 protected:
  void SetUp() override { temp_ = std::make_unique<testing::TempStore>(); }
  void TearDown() override {
    if (node_b_) node_b_->close();
  }
  Store& node_a() { return temp_->store(); }
  // A second node: its own Store on the same database.
  Store& node_b() {
    if (!node_b_) node_b_ = std::move(Store::open({.location = temp_->location(), .readers = 1}).value());
    return *node_b_;
  }
  // Changes published before a subscriber listens are not its business: wait until both
  // nodes listen (a round trip through the server shows it).
  void until_listening(Heard& heard_on_b) {
    for (int i = 0; i < 100; ++i) {
      const ChangeNotice probe{Kind::account, 900'000 + i, 0};
      node_a().publish_change(probe);
      if (heard_on_b.wait_for(probe, 100ms)) return;
    }
    FAIL() << "node B never heard node A";
  }

  std::unique_ptr<testing::TempStore> temp_;
  std::unique_ptr<Store> node_b_;
};

TEST_F(ChangeBusTest, AnotherNodeHearsEveryKindOfChange) {
  HEARTH_POSTGRES_ONLY("LISTEN/NOTIFY between nodes");
  Heard on_b;
  node_b().subscribe_changes(on_b.subscriber());
  until_listening(on_b);
  const std::vector<ChangeNotice> sent = {{Kind::thread, 812, 77}, {Kind::group, 77, 0}, {Kind::account, 5, 0}};
  for (const auto& notice : sent) node_a().publish_change(notice);
  for (const auto& notice : sent) EXPECT_TRUE(on_b.wait_for(notice)) << int(notice.kind);
  // "Everything" stands for whatever else is queued with it (coalescing), so it comes alone.
  node_a().publish_change({});
  EXPECT_TRUE(on_b.wait_for({}));
}

TEST_F(ChangeBusTest, ANodeNeverHearsItsOwnChanges) {
  HEARTH_POSTGRES_ONLY("LISTEN/NOTIFY between nodes");
  Heard on_a;
  Heard on_b;
  node_a().subscribe_changes(on_a.subscriber());
  node_b().subscribe_changes(on_b.subscriber());
  until_listening(on_b);
  const ChangeNotice own{Kind::group, 4242, 0};
  node_a().publish_change(own);
  ASSERT_TRUE(on_b.wait_for(own));
  EXPECT_FALSE(on_a.wait_for(own, 300ms));
}

TEST_F(ChangeBusTest, ChangesAreSentAfterTheCallerCommittedAndReadableWhenHeard) {
  HEARTH_POSTGRES_ONLY("LISTEN/NOTIFY between nodes");
  Heard on_b;
  node_b().subscribe_changes(on_b.subscriber());
  until_listening(on_b);
  node_a().write([](Connection& c) { c.run("CREATE TABLE bus_probe (n BIGINT)"); });
  node_a().write([](Connection& c) { c.run("INSERT INTO bus_probe VALUES (7)"); });
  node_a().publish_change({Kind::thread, 7, 1});
  ASSERT_TRUE(on_b.wait_for({Kind::thread, 7, 1}));
  EXPECT_EQ(node_b().read([](Connection& c) { return c.first_i64("SELECT n FROM bus_probe"); }), 7);
}

TEST_F(ChangeBusTest, ALostConnectionIsReplacedAndTheSubscriberToldEverythingChanged) {
  HEARTH_POSTGRES_ONLY("LISTEN/NOTIFY between nodes");
  Heard on_b;
  node_b().subscribe_changes(on_b.subscriber());
  until_listening(on_b);
  // The server ends node B's listening connection (a restart or failover looks the same).
  node_a().write([](Connection& c) {
    c.run(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
        "AND application_name = 'hearth changes'");
  });
  EXPECT_TRUE(on_b.wait_for(ChangeNotice{}, 10s));
  const ChangeNotice after{Kind::group, 31, 0};
  for (int i = 0; i < 50 && !on_b.wait_for(after, 100ms); ++i) node_a().publish_change(after);
  EXPECT_TRUE(on_b.wait_for(after));
}

TEST_F(ChangeBusTest, AStoreClosedRightAfterPublishingStillTellsTheOthers) {
  HEARTH_POSTGRES_ONLY("LISTEN/NOTIFY between nodes");
  Heard on_b;
  node_b().subscribe_changes(on_b.subscriber());
  until_listening(on_b);
  // A command-line write (hearth admin …): open, write, publish, close at once, before its
  // bus has had time to connect.
  for (int64_t i = 1; i <= 5; ++i) {
    auto command = std::move(Store::open({.location = temp_->location(), .readers = 1}).value());
    command->publish_change({Kind::group, 4200 + i, 0});
    command->close();
    EXPECT_TRUE(on_b.wait_for({Kind::group, 4200 + i, 0})) << "lost the notice of run " << i;
  }
}

TEST_F(ChangeBusTest, WithOneNodePublishingDoesNothing) {
  HEARTH_SQLITE_ONLY("an embedded database has no other nodes");
  Heard heard;
  node_a().subscribe_changes(heard.subscriber());
  node_a().publish_change({Kind::group, 1, 0});
  EXPECT_FALSE(heard.wait_for({Kind::group, 1, 0}, 100ms));
}

}  // namespace
}  // namespace hearth
