#include "store/data_copy_catalog.hpp"

#include <algorithm>
#include <cctype>

namespace hearth::data_copy {
namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char ch) { return std::toupper(ch); });
  return text;
}

bool contains(const std::string& haystack, const char* needle) {
  return haystack.find(needle) != std::string::npos;
}

// SQLite's own affinity rules, narrowed to the kinds the copy knows: a column with no
// declared type (an FTS5 column) holds text.
ColumnKind sqlite_kind(const std::string& declared) {
  const std::string type = upper(declared);
  if (contains(type, "INT")) return ColumnKind::integer;
  if (type.empty() || contains(type, "CHAR") || contains(type, "CLOB") || contains(type, "TEXT")) {
    return ColumnKind::text;
  }
  if (contains(type, "BLOB") || contains(type, "BYTEA")) return ColumnKind::bytes;
  return ColumnKind::unsupported;
}

ColumnKind postgres_kind(const std::string& type) {
  if (type == "bigint" || type == "integer" || type == "smallint") return ColumnKind::integer;
  if (type == "text" || type == "character varying" || type == "character") return ColumnKind::text;
  if (type == "bytea") return ColumnKind::bytes;
  return ColumnKind::unsupported;
}

class SqliteCatalog final : public Catalog {
 public:
  std::vector<TableInfo> tables(Connection& c) const override {
    std::vector<std::pair<std::string, std::string>> names;  // name, type
    c.execute(
        "SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'virtual')"
        " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        {}, [&](const Row& row) { names.emplace_back(row.text(0), row.text(1)); });
    std::vector<TableInfo> tables;
    for (const auto& [name, type] : names) {
      TableInfo table{.name = name};
      if (type == "virtual") {
        // A full-text table's rows are identified by their rowid, which the search
        // bookkeeping (post_search_rows) points at; it is data, so it is copied.
        table.columns.push_back({.name = "rowid", .declared_type = "INTEGER", .kind = ColumnKind::integer});
        table.key.push_back("rowid");
      }
      std::vector<std::pair<int, std::string>> key;
      c.execute("SELECT name, type, pk FROM pragma_table_xinfo(?) WHERE hidden = 0 ORDER BY cid", {name},
                [&](const Row& row) {
                  table.columns.push_back(
                      {.name = row.text(0), .declared_type = row.text(1), .kind = sqlite_kind(row.text(1))});
                  if (row.i64(2) > 0) key.emplace_back(static_cast<int>(row.i64(2)), row.text(0));
                });
      std::sort(key.begin(), key.end());
      for (auto& [position, column] : key) table.key.push_back(column);
      c.execute("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?)", {name},
                [&](const Row& row) { table.references.push_back(row.text(0)); });
      tables.push_back(std::move(table));
    }
    return tables;
  }

  std::string read_expression(const ColumnInfo& column) const override {
    const std::string name = quote_identifier(column.name);
    // hex(NULL) is '' in SQLite: keep NULL apart from an empty value.
    if (column.kind != ColumnKind::bytes) return name;
    return "CASE WHEN " + name + " IS NULL THEN NULL ELSE lower(hex(" + name + ")) END";
  }
  std::string write_placeholder(const ColumnInfo&) const override { return "?"; }
  std::string order_term(const ColumnInfo& column) const override {
    // BINARY, SQLite's default collation, compares bytes (as PostgreSQL's "C" does).
    return quote_identifier(column.name) + " ASC NULLS FIRST";
  }
  void reset_counters(Connection&, const TableInfo&) const override {
    // An INTEGER PRIMARY KEY continues from the largest rowid by itself.
  }
  bool can_write(ColumnKind kind) const override { return kind == ColumnKind::integer || kind == ColumnKind::text; }
};

class PostgresCatalog final : public Catalog {
 public:
  std::vector<TableInfo> tables(Connection& c) const override {
    std::vector<std::string> names;
    c.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname",
        {}, [&](const Row& row) { names.push_back(row.text(0)); });
    std::vector<TableInfo> tables;
    for (const std::string& name : names) {
      TableInfo table{.name = name};
      c.execute(
          "SELECT column_name, data_type, pg_get_serial_sequence(quote_ident(table_name), column_name) IS NOT NULL"
          " FROM information_schema.columns WHERE table_schema = current_schema()"
          " AND CAST(table_name AS text) = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
          {name}, [&](const Row& row) {
            table.columns.push_back(
                {.name = row.text(0), .declared_type = row.text(1), .kind = postgres_kind(row.text(1))});
            if (row.i64(2) != 0) table.counters.push_back(row.text(0));
          });
      c.execute(
          "SELECT a.attname FROM pg_index i"
          " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
          " WHERE i.indrelid = CAST(quote_ident(?) AS regclass) AND i.indisprimary"
          " ORDER BY array_position(CAST(i.indkey AS int2[]), a.attnum)",
          {name}, [&](const Row& row) { table.key.push_back(row.text(0)); });
      c.execute(
          "SELECT DISTINCT CAST(confrelid AS regclass)::text FROM pg_constraint"
          " WHERE contype = 'f' AND conrelid = CAST(quote_ident(?) AS regclass)",
          {name}, [&](const Row& row) { table.references.push_back(row.text(0)); });
      tables.push_back(std::move(table));
    }
    return tables;
  }

  std::string read_expression(const ColumnInfo& column) const override {
    const std::string name = quote_identifier(column.name);
    return column.kind == ColumnKind::bytes ? "encode(" + name + ", 'hex')" : name;
  }
  std::string write_placeholder(const ColumnInfo& column) const override {
    return column.kind == ColumnKind::bytes ? "decode(?, 'hex')" : "?";
  }
  std::string order_term(const ColumnInfo& column) const override {
    // The database's own collation may follow a language; "C" compares bytes, as SQLite does.
    const bool textual = column.kind == ColumnKind::text;
    return quote_identifier(column.name) + (textual ? " COLLATE \"C\"" : "") + " ASC NULLS FIRST";
  }
  void reset_counters(Connection& c, const TableInfo& table) const override {
    for (const std::string& column : table.counters) {
      c.execute("SELECT setval(CAST(pg_get_serial_sequence(quote_ident(?), ?) AS regclass), COALESCE(MAX(" +
                    quote_identifier(column) + "), 0) + 1, false) FROM " + quote_identifier(table.name),
                {table.name, column}, [](const Row&) {});
    }
  }
  bool can_write(ColumnKind kind) const override { return kind != ColumnKind::unsupported; }
};

}  // namespace

const Catalog& catalog_for(const Connection& c) {
  static const SqliteCatalog sqlite;
  static const PostgresCatalog postgres;
  return c.engine() == "postgres" ? static_cast<const Catalog&>(postgres) : sqlite;
}

std::string quote_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char ch : name) {
    quoted += ch;
    if (ch == '"') quoted += '"';
  }
  return quoted + "\"";
}

}  // namespace hearth::data_copy
