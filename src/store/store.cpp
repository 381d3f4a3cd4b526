#include "store/store.hpp"

#include "store/migrations.hpp"
#include "store/postgres/location.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace hearth {

namespace {

std::unique_ptr<Database> open_engine(const std::string& location, int readers) {
  if (postgres::is_url(location)) return open_postgres({.url = location, .readers = readers});
  return open_sqlite({.path = location.rfind("sqlite:", 0) == 0 ? location.substr(7) : location, .readers = readers});
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
  try {
    auto store = std::make_unique<Store>(open_engine(location, options.readers));
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
