#pragma once
// Copying a whole community from one database to another (`hearth migrate-data`), typically
// from SQLite to PostgreSQL, and proving the copy is faithful.
//
// Both stores are migrated to the current schema by the normal runner (Store::open) before
// this runs. The copy goes table by table in dependency order (a table after every table its
// foreign keys point at), in batches, all inside ONE write transaction on the target: a
// failure, or any difference found by the check, leaves the target as it was. Identity
// counters are moved past the copied values; a search index built from a table's own columns
// (PostgreSQL's generated tsvector, an FTS5 table) fills itself as the rows go in. The
// engine's internals (sqlite_*, FTS5 shadow tables, schema_migrations) are not copied.
//
// The check: per table, the row count and a BLAKE2b-256 checksum over every row's
// canonical text (each value tagged NULL or length-prefixed; integers in decimal, text as
// its UTF-8 bytes, binary as lowercase hex), rows in primary-key order compared bytewise.
// Both sides are computed by the same code from what each database returns, so a
// difference in any value, any row, or the order of keys shows.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/store.hpp"

namespace hearth::data_copy {

struct TableCheck {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
  std::string source_checksum;  // hex
  std::string target_checksum;
  bool already_there = false;  // the target held these rows before (written by the migrations)
  bool matches() const { return source_rows == target_rows && source_checksum == target_checksum; }
};

struct Report {
  std::vector<TableCheck> tables;  // in copy order
  bool rolled_back = false;        // a copy whose check failed was undone
  bool all_match() const;
};

// Called as each table is done (copied or checked).
using Progress = std::function<void(const TableCheck&)>;

// Opens a store that must already exist: a missing SQLite file is refused rather than
// created, so a mistyped path can't "copy" an empty community.
Result<std::unique_ptr<Store>> open_existing(const std::string& location);

// Copies everything from `source` into `target`, which must hold no rows except in the
// tables its migrations fill (INSERT INTO in a migration), and those must equal the source's. Checks the copy inside
// the same transaction; if any table differs, rolls it back and returns the report (all_match() false, rolled_back
// true). Errors the operator can fix (target not empty, schemas that differ, a value the target refuses) are Result
// errors.
Result<Report> copy_all(Store& source, Store& target, const Progress& progress = {});

// Compares two stores as copy_all's check does, without changing either.
Result<Report> verify(Store& source, Store& target, const Progress& progress = {});

}  // namespace hearth::data_copy
