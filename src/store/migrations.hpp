#pragma once
// Applies the embedded migrations that a database has not seen yet, each in its own
// transaction, recording them in schema_migrations.
#include <vector>

#include "store/database.hpp"

namespace hearth {

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this call
  int current_version = 0;
};

MigrationReport apply_migrations(Database& database);

}  // namespace hearth
