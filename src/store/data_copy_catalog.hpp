#pragma once
// What store/data_copy needs to know about one engine's schema and dialect: the tables, their
// columns, keys and references, how a column is read as canonical text and written back,
// and how a table's identity counters are set after a bulk copy. The copy itself
// (data_copy.cpp) is written once; this is the one place it learns which engine it talks to,
// by Connection::engine(), as store/search.cpp does.
#include <string>
#include <vector>

#include "store/database.hpp"

namespace hearth::data_copy {

// How a value travels: as a 64-bit integer, as UTF-8 text, or as bytes (read and written
// as lowercase hex, so every engine hashes the same characters).
enum class ColumnKind { integer, text, bytes, unsupported };

struct ColumnInfo {
  std::string name;
  std::string declared_type;  // as the engine reports it, for messages
  ColumnKind kind = ColumnKind::unsupported;
};

struct TableInfo {
  std::string name;
  std::vector<ColumnInfo> columns;      // in table order; generated columns left out
  std::vector<std::string> key;         // primary-key columns in key order; may be empty
  std::vector<std::string> references;  // tables its foreign keys point at
  std::vector<std::string> counters;    // identity/serial columns (PostgreSQL)
};

class Catalog {
 public:
  virtual ~Catalog() = default;
  // Every table that holds data, without the engine's own internals (sqlite_*, FTS5
  // shadow tables); a full-text virtual table is listed with its rowid as first column.
  virtual std::vector<TableInfo> tables(Connection& c) const = 0;
  // The SELECT expression that reads `column` in its canonical form.
  virtual std::string read_expression(const ColumnInfo& column) const = 0;
  // The VALUES term that turns a bound canonical value back into the column's type.
  virtual std::string write_placeholder(const ColumnInfo& column) const = 0;
  // An ORDER BY term that sorts the same way on every engine (bytewise, NULLs first).
  virtual std::string order_term(const ColumnInfo& column) const = 0;
  // After a bulk copy with explicit values: moves identity counters past the largest value.
  virtual void reset_counters(Connection& c, const TableInfo& table) const = 0;
  // Whether values of this kind can be written (SQLite 3.40 has no unhex()).
  virtual bool can_write(ColumnKind kind) const = 0;
};

const Catalog& catalog_for(const Connection& c);

// "name" quoted as an SQL identifier (both engines use double quotes).
std::string quote_identifier(const std::string& name);

}  // namespace hearth::data_copy
