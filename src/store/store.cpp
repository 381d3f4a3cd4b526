#include "store/store.hpp"

#include "store/migrations.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace hearth {

Result<std::unique_ptr<Store>> Store::open(const StoreOptions& options) {
  std::string location = options.location;
  if (location.rfind("postgres", 0) == 0) {
    return make_error(ErrorCode::invalid_input,
                      "PostgreSQL is not supported by this build yet; use an SQLite file path.", "database");
  }
  if (location.rfind("sqlite:", 0) == 0) location = location.substr(7);
  if (location.empty()) return make_error(ErrorCode::invalid_input, "No database location was given.", "database");
  try {
    auto store = std::make_unique<Store>(open_sqlite({.path = location, .readers = options.readers}));
    apply_migrations(store->database());
    return store;
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::unavailable, std::string("The database could not be opened: ") + e.what(), "database");
  }
}

}  // namespace hearth
