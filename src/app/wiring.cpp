#include "app/wiring.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <filesystem>

namespace hearth {

void configure_logging(const Config& config) {
  auto logger = spdlog::stdout_logger_mt("hearth");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(config.log_level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

Result<std::unique_ptr<Store>> open_store(const Config& config) {
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec) {
    return make_error(ErrorCode::unavailable,
                      "Cannot create the data directory " + config.data_dir + ": " + ec.message(), "data");
  }
  return Store::open({.location = config.database_location(),
                      .readers = std::max(2, config.workers),
                      .replica = config.database_replica});
}

ActionEnvironment make_environment(const Config& config, Store& store, const Clock& clock) {
  ActionEnvironment env{store, clock};
  env.limits = config.limits;
  env.session_lifetime_ms = config.session_lifetime_seconds * 1000;
  env.password_cost = config.password_hash == "moderate" ? PasswordHashCost::moderate : PasswordHashCost::interactive;
  env.secret_key = load_secret_key(store);
  return env;
}

void tell_running_nodes(Store& store) {
  store.publish_change(ChangeNotice{.kind = ChangeNotice::Kind::everything});
}

}  // namespace hearth
