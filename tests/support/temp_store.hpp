#pragma once
// A real SQLite store in a fresh temporary directory, migrated, removed afterwards.
// Tests use the real engine, never a mock.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "actions/environment.hpp"
#include "core/clock.hpp"
#include "core/random.hpp"
#include "store/store.hpp"

namespace hearth::testing {

class TempStore {
 public:
  TempStore() : dir_(std::filesystem::temp_directory_path() / ("hearth-test-" + random_hex(8))) {
    std::filesystem::create_directories(dir_);
    auto opened = Store::open({.location = (dir_ / "hearth.db").string(), .readers = 2});
    if (!opened) throw std::runtime_error(opened.error().message);
    store_ = std::move(opened.value());
  }
  ~TempStore() {
    store_->close();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  Store& store() { return *store_; }
  std::filesystem::path path() const { return dir_ / "hearth.db"; }

 private:
  std::filesystem::path dir_;
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
