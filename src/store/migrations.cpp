#include "store/migrations.hpp"

#include <algorithm>
#include <set>

#include "core/clock.hpp"
#include "store/migration.hpp"

namespace hearth {

MigrationReport apply_migrations(Database& database) {
  database.write([](Connection& c) {
    c.execute_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)");
  });
  std::set<int> done;
  database.read([&](Connection& c) {
    c.execute("SELECT version FROM schema_migrations", {},
              [&](const Row& row) { done.insert(static_cast<int>(row.i64(0))); });
  });

  std::vector<Migration> pending;
  for (const Migration& m : embedded_migrations()) {
    if ((m.engine.empty() || m.engine == database.engine()) && !done.contains(m.version)) {
      pending.push_back(m);
    }
  }
  std::sort(pending.begin(), pending.end(), [](auto& a, auto& b) { return a.version < b.version; });

  MigrationReport report;
  const SystemClock clock;
  for (const Migration& m : pending) {
    bool applied = false;
    database.write([&](Connection& c) {
      // Nodes starting together: another may have applied it while this one waited to write.
      if (c.first_i64("SELECT version FROM schema_migrations WHERE version = ?", {int64_t{m.version}})) return;
      c.execute_script(m.sql);
      c.run("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            {int64_t{m.version}, std::string(m.name), clock.now()});
      applied = true;
    });
    if (applied) report.applied.push_back(m.version);
  }
  database.read([&](Connection& c) {
    report.current_version = static_cast<int>(c.first_i64("SELECT MAX(version) FROM schema_migrations").value_or(0));
  });
  return report;
}

}  // namespace hearth
