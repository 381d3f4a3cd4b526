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
// After a subcommand's writes committed: the nodes serving the same database hear that
// anything may have changed ('*'), so their change feeds wake their streams and their kept
// guest pages go stale at once. The subcommand's own feed publishes nowhere (only `serve`
// wires it to the store), hence one notice for all it wrote. A no-op on SQLite (no bus).
// Call before closing the store, which sends what is queued.
void tell_running_nodes(Store& store);

}  // namespace hearth
