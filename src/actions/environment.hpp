#pragma once
// What every action needs: the store, the clock, the limits, the server's secret key, the
// feed that committed changes are told to, and the content filters.
// Built once by app/ and passed by reference; tests build one with a FakeClock.
#include <cstdint>
#include <memory>
#include <string>

#include "actions/change_feed.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "store/store.hpp"

namespace hearth {

namespace safety {
class ContentSafety;
}

// The process's one ContentSafety (safety/content_safety.hpp): its curated lists take about
// half a second to compile, and its compiled watched-word lists are shared by every request.
std::shared_ptr<const safety::ContentSafety> shared_content_safety();

struct Limits {
  int64_t signups_per_client_per_hour = 10;
  int64_t login_attempts_per_client_per_15_minutes = 60;
  int64_t login_failures_per_account_per_15_minutes = 10;
  int64_t recovery_attempts_per_account_per_hour = 10;
};

struct ActionEnvironment {
  Store& store;
  const Clock& clock;
  Limits limits;
  int64_t session_lifetime_ms = int64_t{30} * 24 * 3600 * 1000;
  PasswordHashCost password_cost = PasswordHashCost::interactive;
  std::string secret_key;  // 32 bytes, shared by all nodes (server_secrets)
  // Told by every action, after commit, what it changed (see change_feed.hpp).
  std::shared_ptr<ChangeFeed> changes = std::make_shared<ChangeFeed>();
  // Checks every title, post and reply before it is written (actions/filtering.hpp).
  std::shared_ptr<const safety::ContentSafety> safety = shared_content_safety();
};

// Loads (or creates on first start) the secret key shared by every node.
std::string load_secret_key(Store& store);

}  // namespace hearth
