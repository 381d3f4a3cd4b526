#include "store/store.hpp"

#include "store/migrations.hpp"
#include "store/postgres/location.hpp"
#include "store/postgres/postgres_change_bus.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace hearth {

namespace {

// PostgreSQL may have several nodes on one database: they hear of each other's writes
// through the change bus, which shares with the engine what the node knows of the
// primary's position (for the replica's reads).
std::unique_ptr<Store> open_engine(const StoreOptions& options) {
  const std::string& location = options.location;
  if (postgres::is_url(location)) {
    auto position = std::make_shared<postgres::PrimaryPosition>();
    auto database = open_postgres(
        {.url = location, .readers = options.readers, .replica_url = options.replica, .position = position});
    return std::make_unique<Store>(std::move(database), postgres::make_change_bus(location, position),
                                   !options.replica.empty());
  }
  const std::string path = location.rfind("sqlite:", 0) == 0 ? location.substr(7) : location;
  return std::make_unique<Store>(open_sqlite({.path = path, .readers = options.readers}));
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  const std::string& location = options.location;
  if (location.empty() || location == "sqlite:") {
    return make_error(ErrorCode::invalid_input, "No database location was given.", "database");
  }
  if (location.rfind("postgres", 0) == 0 && !postgres::is_url(location)) {
    return make_error(ErrorCode::invalid_input,
                      "A PostgreSQL database is given as a URL: postgresql://user@host/database.", "database");
  }
  if (!options.replica.empty() && (!postgres::is_url(options.replica) || !postgres::is_url(location))) {
    return make_error(ErrorCode::invalid_input,
                      "A read replica is a PostgreSQL URL (postgresql://user@host/database) of a replica of a "
                      "PostgreSQL database.",
                      "database_replica");
  }
  try {
    auto store = open_engine(options);
    apply_migrations(store->database());
    return store;
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::unavailable, std::string("The database could not be opened: ") + e.what(), "database");
  }
}

std::string Store::describe(const std::string& location) {
  return postgres::is_url(location) ? postgres::redacted(location) : location;
}

}  // namespace hearth
