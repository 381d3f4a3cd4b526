#pragma once
// A real, migrated store, removed afterwards. Tests use the real engine, never a mock.
//
// SQLite by default: a fresh file in a temporary directory. When HEARTH_TEST_POSTGRES holds
// the URL of a (throwaway) PostgreSQL cluster, a fresh database on it instead, dropped
// afterwards: a copy of the migrated database hearth_template when the cluster has one
// (ctest's fixture makes it, see scripts/pg-test-cluster), else an empty one migrated here.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "actions/environment.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "store/postgres/location.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/store.hpp"

namespace hearth::testing {

inline std::string test_postgres_url() {
  const char* url = std::getenv("HEARTH_TEST_POSTGRES");
  return url ? url : "";
}
inline bool on_postgres() {
  return !test_postgres_url().empty();
}

// For tests of one engine's own behaviour: GTEST_SKIP() with the reason on the other.
// clang-format off
#define HEARTH_SQLITE_ONLY(reason) \
  if (::hearth::testing::on_postgres()) GTEST_SKIP() << "SQLite only: " << (reason)
#define HEARTH_POSTGRES_ONLY(reason) \
  if (!::hearth::testing::on_postgres()) GTEST_SKIP() << "PostgreSQL only (HEARTH_TEST_POSTGRES): " << (reason)
// clang-format on

class TempStore {
 public:
  TempStore() {
    if (server_ = test_postgres_url(); !server_.empty()) {
      database_ = "hearth_test_" + random_hex(8);
      create_postgres_database();
      location_ = postgres::with_database(server_, database_);
    } else {
      dir_ = std::filesystem::temp_directory_path() / ("hearth-test-" + random_hex(8));
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "hearth.db").string();
    }
    auto opened = Store::open({.location = location_, .readers = 2});
    if (!opened) {
      remove();
      throw std::runtime_error(opened.error().message);
    }
    store_ = std::move(opened.value());
  }
  ~TempStore() {
    store_->close();
    remove();
  }
  TempStore(const TempStore&) = delete;
  TempStore& operator=(const TempStore&) = delete;

  Store& store() { return *store_; }
  // Where the store lives: a file path (SQLite) or a postgresql:// URL.
  const std::string& location() const { return location_; }

 private:
  void create_postgres_database() {
    try {
      postgres::run_outside_transaction(server_, "CREATE DATABASE " + database_ + " TEMPLATE hearth_template");
    } catch (const DatabaseError&) {
      postgres::run_outside_transaction(server_, "CREATE DATABASE " + database_);
    }
  }

  void remove() noexcept {
    try {
      if (!database_.empty())
        postgres::run_outside_transaction(server_, "DROP DATABASE IF EXISTS " + database_ + " WITH (FORCE)");
    } catch (...) {
      // The cluster is thrown away after the run anyway.
    }
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  std::string server_;
  std::string database_;
  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<Store> store_;
};

// An action environment over a TempStore with a fake clock starting at 2026-11-21 10:00 UTC.
class TestEnvironment {
 public:
  TestEnvironment() : clock_(1'795'255'200'000), env_{temp_.store(), clock_} {
    env_.secret_key = load_secret_key(temp_.store());
  }
  ActionEnvironment& env() { return env_; }
  FakeClock& clock() { return clock_; }
  Store& store() { return temp_.store(); }

 private:
  TempStore temp_;
  FakeClock clock_;
  ActionEnvironment env_;
};

}  // namespace hearth::testing
