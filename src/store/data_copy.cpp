#include "store/data_copy.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>

#include "store/data_copy_catalog.hpp"
#include "store/migration.hpp"
#include "store/postgres/location.hpp"

namespace hearth::data_copy {
namespace {

// The migration runner's own table: both sides were migrated by it, and must agree on it.
constexpr const char* migrations_table = "schema_migrations";
// Parameters per INSERT statement: big batches for speed, well under every engine's limit.
constexpr std::size_t parameters_per_batch = 4000;
constexpr std::size_t max_rows_per_batch = 500;

// Thrown inside the transactions to leave them (rolling back); the outcome is kept aside.
struct Abandon {};

struct TablePlan {
  std::string name;
  std::vector<ColumnInfo> columns;  // target order
  std::vector<ColumnInfo> key;      // the order rows are read in, on both sides
  TableInfo target;
};

class Checksum {
 public:
  Checksum() { crypto_generichash_init(&state_, nullptr, 0, crypto_generichash_BYTES); }

  void add(const Row& row, std::size_t columns) {
    std::string canonical;
    for (std::size_t i = 0; i < columns; ++i) {
      const int column = static_cast<int>(i);
      if (row.is_null(column)) {
        canonical += 'N';
      } else {
        const std::string value = row.text(column);
        canonical += 'V' + std::to_string(value.size()) + ':';
        canonical += value;
      }
    }
    canonical += '\n';
    crypto_generichash_update(&state_, reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size());
    ++rows_;
  }

  int64_t rows() const { return rows_; }

  std::string hex() {
    unsigned char digest[crypto_generichash_BYTES];
    crypto_generichash_final(&state_, digest, sizeof digest);
    char text[sizeof digest * 2 + 1];
    sodium_bin2hex(text, sizeof text, digest, sizeof digest);
    return text;
  }

 private:
  crypto_generichash_state state_;
  int64_t rows_ = 0;
};

std::string join(const std::vector<ColumnInfo>& columns, const std::function<std::string(const ColumnInfo&)>& term) {
  std::string text;
  for (const ColumnInfo& column : columns) text += (text.empty() ? "" : ", ") + term(column);
  return text;
}

std::string select_sql(const Catalog& catalog, const TablePlan& table) {
  return "SELECT " + join(table.columns, [&](const ColumnInfo& c) { return catalog.read_expression(c); }) + " FROM " +
         quote_identifier(table.name) + " ORDER BY " +
         join(table.key, [&](const ColumnInfo& c) { return catalog.order_term(c); });
}

// Reads a whole table in key order, feeding each row to `checksum` and then to `each`.
void read_table(Connection& c, const TablePlan& table, Checksum& checksum,
                const std::function<void(const Row&)>& each = {}) {
  c.execute(select_sql(catalog_for(c), table), {}, [&](const Row& row) {
    checksum.add(row, table.columns.size());
    if (each) each(row);
  });
}

const char* kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::integer:
      return "integer";
    case ColumnKind::text:
      return "text";
    case ColumnKind::bytes:
      return "binary";
    case ColumnKind::unsupported:
      break;
  }
  return "unsupported";
}

Error schema_error(const std::string& what) {
  return make_error(ErrorCode::invalid_input,
                    "The two databases don't have the same tables: " + what +
                        ". Both are migrated by this hearth before copying, so this means one of them was"
                        " changed by hand or by another version of Hearth.");
}

Result<TablePlan> plan_table(const TableInfo& source, const TableInfo& target, const Catalog& writer) {
  TablePlan plan{.name = target.name, .columns = target.columns, .target = target};
  std::map<std::string, const ColumnInfo*> source_columns;
  for (const ColumnInfo& column : source.columns) source_columns[column.name] = &column;
  if (source_columns.size() != target.columns.size()) {
    return schema_error("table " + target.name + " has " + std::to_string(source.columns.size()) +
                        " columns in the source and " + std::to_string(target.columns.size()) + " in the target");
  }
  for (const ColumnInfo& column : target.columns) {
    const auto found = source_columns.find(column.name);
    if (found == source_columns.end())
      return schema_error("the source has no column " + target.name + "." + column.name);
    if (column.kind == ColumnKind::unsupported || found->second->kind != column.kind ||
        !writer.can_write(column.kind)) {
      return make_error(ErrorCode::invalid_input, "Column " + target.name + "." + column.name +
                                                      " can't be copied: it is " + found->second->declared_type + " (" +
                                                      kind_name(found->second->kind) + ") in the source and " +
                                                      column.declared_type + " (" + kind_name(column.kind) +
                                                      ") in the target.");
    }
  }
  const std::vector<std::string>& key = !target.key.empty() ? target.key : source.key;
  for (const std::string& name : key) {
    for (const ColumnInfo& column : target.columns) {
      if (column.name == name) plan.key.push_back(column);
    }
  }
  if (plan.key.empty()) plan.key = target.columns;  // no key: every column orders the rows
  return plan;
}

// Tables after everything they reference (Kahn's algorithm, ties by name).
Result<std::vector<const TableInfo*>> dependency_order(const std::vector<TableInfo>& tables) {
  std::map<std::string, const TableInfo*> by_name;
  for (const TableInfo& table : tables) by_name[table.name] = &table;
  std::vector<const TableInfo*> ordered;
  std::set<std::string> placed;
  while (ordered.size() < tables.size()) {
    bool progressed = false;
    for (const auto& [name, table] : by_name) {
      if (placed.contains(name)) continue;
      const bool ready = std::all_of(table->references.begin(), table->references.end(), [&](const std::string& r) {
        return r == name || placed.contains(r) || !by_name.contains(r);
      });
      if (!ready) continue;
      ordered.push_back(table);
      placed.insert(name);
      progressed = true;
    }
    if (!progressed) {
      return make_error(ErrorCode::invalid_input,
                        "The tables' foreign keys form a cycle, so there is no order to copy them in.");
    }
  }
  return ordered;
}

std::vector<int64_t> migration_versions(Connection& c) {
  return c.all<int64_t>("SELECT version FROM schema_migrations ORDER BY version", {},
                        [](const Row& row) { return row.i64(0); });
}

Result<std::vector<TablePlan>> make_plan(Connection& source, Connection& target) {
  const auto source_versions = migration_versions(source);
  const auto target_versions = migration_versions(target);
  if (source_versions != target_versions) {
    auto last = [](const std::vector<int64_t>& v) {
      return v.empty() ? std::string("none") : std::to_string(v.back());
    };
    return make_error(ErrorCode::invalid_input,
                      "The two databases are at different schema versions (source " + last(source_versions) +
                          ", target " + last(target_versions) +
                          "). Run migrate-data with the same Hearth version that last served the source.");
  }
  std::map<std::string, TableInfo> source_tables;
  for (TableInfo& table : catalog_for(source).tables(source)) {
    if (table.name != migrations_table) source_tables.emplace(table.name, std::move(table));
  }
  std::vector<TableInfo> target_tables;
  for (TableInfo& table : catalog_for(target).tables(target)) {
    if (table.name == migrations_table) continue;
    if (!source_tables.contains(table.name)) return schema_error("the source has no table " + table.name);
    target_tables.push_back(std::move(table));
  }
  if (source_tables.size() != target_tables.size()) {
    for (const auto& [name, table] : source_tables) {
      const bool found =
          std::any_of(target_tables.begin(), target_tables.end(), [&](const TableInfo& t) { return t.name == name; });
      if (!found) return schema_error("the target has no table " + name);
    }
  }
  auto order = dependency_order(target_tables);
  if (!order) return order.error();
  std::vector<TablePlan> plan;
  for (const TableInfo* table : *order) {
    auto planned = plan_table(source_tables.at(table->name), *table, catalog_for(target));
    if (!planned) return planned.error();
    plan.push_back(std::move(*planned));
  }
  return plan;
}

// Copies one table in batches of multi-row INSERTs; returns the source's count and checksum.
void copy_table(Connection& source, Connection& target, const TablePlan& table, TableCheck& check) {
  const Catalog& writer = catalog_for(target);
  const std::size_t width = table.columns.size();
  const std::size_t batch_rows = std::clamp<std::size_t>(parameters_per_batch / width, 1, max_rows_per_batch);
  const std::string head = "INSERT INTO " + quote_identifier(table.name) + " (" +
                           join(table.columns, [](const ColumnInfo& c) { return quote_identifier(c.name); }) +
                           ") VALUES ";
  const std::string one_row =
      "(" + join(table.columns, [&](const ColumnInfo& c) { return writer.write_placeholder(c); }) + ")";
  std::map<std::size_t, std::string> statements;  // by rows in the batch
  std::vector<SqlValue> values;
  std::size_t rows = 0;
  auto flush = [&] {
    if (rows == 0) return;
    std::string& sql = statements[rows];
    if (sql.empty()) {
      sql = head;
      for (std::size_t i = 0; i < rows; ++i) sql += (i ? ", " : "") + one_row;
    }
    target.run(sql, values);
    values.clear();
    rows = 0;
  };
  Checksum checksum;
  read_table(source, table, checksum, [&](const Row& row) {
    for (std::size_t i = 0; i < width; ++i) {
      const int column = static_cast<int>(i);
      if (row.is_null(column)) {
        values.emplace_back(nullptr);
      } else if (table.columns[i].kind == ColumnKind::integer) {
        values.emplace_back(row.i64(column));
      } else {
        values.emplace_back(row.text(column));
      }
    }
    if (++rows == batch_rows) flush();
  });
  flush();
  writer.reset_counters(target, table.target);
  check.source_rows = checksum.rows();
  check.source_checksum = checksum.hex();
}

void check_side(Connection& c, const TablePlan& table, int64_t& rows, std::string& checksum_hex) {
  Checksum checksum;
  read_table(c, table, checksum);
  rows = checksum.rows();
  checksum_hex = checksum.hex();
}

TableCheck compare(Connection& source, Connection& target, const TablePlan& table) {
  TableCheck check{.table = table.name};
  check_side(source, table, check.source_rows, check.source_checksum);
  check_side(target, table, check.target_rows, check.target_checksum);
  return check;
}

// Tables the migrations themselves fill (INSERT INTO in a migration's SQL, e.g. the support
// services): the only ones a freshly migrated target may hold rows in.
std::set<std::string> tables_filled_by_migrations() {
  std::set<std::string> tables;
  for (const Migration& m : embedded_migrations()) {
    std::string sql(m.sql);
    std::transform(sql.begin(), sql.end(), sql.begin(), [](unsigned char ch) { return std::tolower(ch); });
    for (std::size_t at = sql.find("insert into "); at != std::string::npos; at = sql.find("insert into ", at + 1)) {
      std::size_t begin = at + 12, end = begin;
      while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_')) ++end;
      if (end > begin) tables.insert(sql.substr(begin, end - begin));
    }
  }
  return tables;
}

Error not_empty(const TablePlan& table, int64_t rows) {
  return make_error(ErrorCode::conflict,
                    "The target database already holds data (" + table.name + ": " + std::to_string(rows) +
                        " rows), so nothing was copied. migrate-data only copies into an empty database, so that"
                        " nothing is ever overwritten or mixed: create a new database (createdb) and run it again.");
}

}  // namespace

bool Report::all_match() const {
  return std::all_of(tables.begin(), tables.end(), [](const TableCheck& t) { return t.matches(); });
}

Result<std::unique_ptr<Store>> open_existing(const std::string& location) {
  if (!postgres::is_url(location) && location.rfind("postgres", 0) != 0) {
    std::string path = location;
    if (path.rfind("sqlite://", 0) == 0) {
      path = path.substr(9);
    } else if (path.rfind("sqlite:", 0) == 0) {
      path = path.substr(7);
    }
    std::error_code ec;
    if (path.empty() || !std::filesystem::is_regular_file(path, ec)) {
      return make_error(ErrorCode::not_found,
                        "There is no SQLite database at " + (path.empty() ? location : path) + ".");
    }
    return Store::open({.location = "sqlite:" + path, .readers = 1});
  }
  return Store::open({.location = location, .readers = 1});
}

Result<Report> copy_all(Store& source, Store& target, const Progress& progress) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  Report report;
  std::optional<Error> failure;
  std::string current = "the schema";
  try {
    target.write([&](Connection& dst) {
      source.read([&](Connection& src) {
        auto plan = make_plan(src, dst);
        if (!plan) {
          failure = plan.error();
          throw Abandon{};
        }
        // Refuse before writing anything; rows the migrations wrote (the same on both
        // sides, e.g. the support services) are left as they are.
        const std::set<std::string> seeded = tables_filled_by_migrations();
        std::set<std::string> already_there;
        for (const TablePlan& table : *plan) {
          const int64_t rows = dst.first_i64("SELECT COUNT(*) FROM " + quote_identifier(table.name)).value_or(0);
          if (rows == 0) continue;
          if (!seeded.contains(table.name) || !compare(src, dst, table).matches()) {
            failure = not_empty(table, rows);
            throw Abandon{};
          }
          already_there.insert(table.name);
        }
        for (const TablePlan& table : *plan) {
          current = table.name;
          TableCheck check{.table = table.name};
          if (already_there.contains(table.name)) {
            check = compare(src, dst, table);
            check.already_there = true;
          } else {
            copy_table(src, dst, table, check);
            check_side(dst, table, check.target_rows, check.target_checksum);
          }
          report.tables.push_back(check);
          if (progress) progress(check);
        }
        if (!report.all_match()) {
          report.rolled_back = true;
          throw Abandon{};
        }
      });
    });
  } catch (const Abandon&) {
    if (failure) return *failure;
    return report;
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::unavailable,
                      "Copying " + current + " failed, so nothing was kept on the target: " + e.what());
  }
  // Fresh tables have no planner statistics yet; the copy stands without them.
  try {
    target.write([](Connection& c) { c.execute_script("ANALYZE"); });
  } catch (const DatabaseError&) {
  }
  return report;
}

Result<Report> verify(Store& source, Store& target, const Progress& progress) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  Report report;
  std::optional<Error> failure;
  try {
    target.read([&](Connection& dst) {
      source.read([&](Connection& src) {
        auto plan = make_plan(src, dst);
        if (!plan) {
          failure = plan.error();
          return;
        }
        for (const TablePlan& table : *plan) {
          report.tables.push_back(compare(src, dst, table));
          if (progress) progress(report.tables.back());
        }
      });
    });
  } catch (const DatabaseError& e) {
    return make_error(ErrorCode::unavailable, std::string("The databases could not be read: ") + e.what());
  }
  if (failure) return *failure;
  return report;
}

}  // namespace hearth::data_copy
