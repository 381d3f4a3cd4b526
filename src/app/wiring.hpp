#pragma once
// The composition root's shared steps: logging, opening the store, the action environment.
#include <memory>

#include "actions/environment.hpp"
#include "app/config.hpp"
#include "core/clock.hpp"
#include "store/store.hpp"

namespace hearth {

void configure_logging(const Config& config);
// Creates the data directory, opens the database and applies pending migrations.
Result<std::unique_ptr<Store>> open_store(const Config& config);
ActionEnvironment make_environment(const Config& config, Store& store, const Clock& clock);

}  // namespace hearth
