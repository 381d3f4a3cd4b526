#pragma once
// Configuration: defaults, then a TOML file (--config FILE, HEARTH_CONFIG, or ./hearth.toml
// when present), then HEARTH_* environment variables, then command-line flags.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"

namespace hearth {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./hearth-data";
  std::string database;  // empty: sqlite:<data_dir>/hearth.db
  std::string database_replica;  // empty: none (PostgreSQL only, docs/postgres.md)
  std::string log_level = "info";
  int threads = 0;  // network threads; 0 = one per core
  int workers = 4;  // threads for database work
  int64_t body_limit_bytes = 1 << 20;
  int64_t session_lifetime_seconds = int64_t{30} * 24 * 3600;
  bool trust_proxy = false;
  std::string password_hash = "interactive";  // or "moderate" (slower, stronger)
  Limits limits;

  std::string database_location() const;
  std::string host() const;
  uint16_t port() const;
};

// One documented setting, as `hearth --help` lists it.
struct Setting {
  std::string key;          // TOML key, e.g. "limits.signups_per_client_per_hour"
  std::string description;
};
const std::vector<Setting>& all_settings();
std::string flag_for(const std::string& key);  // "--limits-signups-per-client-per-hour"
std::string env_for(const std::string& key);   // "HEARTH_LIMITS_SIGNUPS_PER_CLIENT_PER_HOUR"

// Builds the configuration from the layers above. `flags` are --key value pairs already
// split from the command line; `environment` is usually the process environment.
Result<Config> load_config(const std::map<std::string, std::string>& flags,
                           const std::map<std::string, std::string>& environment);

}  // namespace hearth
