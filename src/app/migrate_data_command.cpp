// hearth migrate-data --from LOCATION --to LOCATION [--verify]: copies a whole community from
// one database to another (SQLite to PostgreSQL, docs/postgres.md) and proves the copy by
// per-table row counts and checksums; with --verify, only compares the two.
#include <cstdio>

#include "app/commands.hpp"
#include "store/data_copy.hpp"

namespace hearth {
namespace {

std::string with_thousands(int64_t n) {
  const std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

void print_row(const data_copy::TableCheck& t) {
  const char* verdict = !t.matches() ? "MISMATCH" : t.already_there ? "ok (from the migrations)" : "ok";
  std::printf("%-28s %12s %12s  %.16s  %.16s  %s\n", t.table.c_str(), with_thousands(t.source_rows).c_str(),
              with_thousands(t.target_rows).c_str(), t.source_checksum.c_str(), t.target_checksum.c_str(), verdict);
  std::fflush(stdout);
}

void print_header() {
  std::printf("%-28s %12s %12s  %-16s  %-16s  %s\n", "table", "source rows", "target rows", "source checksum",
              "target checksum", "");
}

int summarise(const data_copy::Report& report, bool verify_only, const std::string& target) {
  int64_t rows = 0;
  std::size_t different = 0;
  for (const auto& t : report.tables) {
    rows += t.target_rows;
    if (!t.matches()) ++different;
  }
  if (different == 0) {
    std::printf("\nAll %zu tables match (%s rows).\n", report.tables.size(), with_thousands(rows).c_str());
    if (!verify_only) {
      std::printf(
          "The community is now in %s.\n"
          "Point hearth at it (database = \"…\" in hearth.toml, HEARTH_DATABASE or --database).\n",
          target.c_str());
    }
    return 0;
  }
  std::fprintf(stderr, "\nhearth: %zu of %zu tables differ (MISMATCH above).%s\n", different, report.tables.size(),
               report.rolled_back ? " The copy was rolled back: the target is as it was before." : "");
  return 1;
}

}  // namespace

int run_migrate_data(const std::map<std::string, std::string>& options, bool verify_only) {
  const auto from = options.find("--from");
  const auto to = options.find("--to");
  if (from == options.end() || to == options.end() || from->second.empty() || to->second.empty()) {
    std::fprintf(
        stderr,
        "hearth: migrate-data needs --from and --to, e.g.\n"
        "  hearth migrate-data --from sqlite:///var/lib/hearth/hearth.db --to postgresql://hearth@db/hearth\n");
    return 2;
  }
  if (from->second == to->second) {
    std::fprintf(stderr, "hearth: --from and --to are the same database.\n");
    return 2;
  }
  const std::string source_name = Store::describe(from->second);
  const std::string target_name = Store::describe(to->second);
  auto source = data_copy::open_existing(from->second);
  if (!source) {
    std::fprintf(stderr, "hearth: the source: %s\n", source.error().message.c_str());
    return 1;
  }
  // The target is migrated to the current schema by the normal runner as it opens.
  auto target =
      verify_only ? data_copy::open_existing(to->second) : Store::open({.location = to->second, .readers = 1});
  if (!target) {
    std::fprintf(stderr, "hearth: the target: %s\n", target.error().message.c_str());
    (*source)->close();
    return 1;
  }
  std::printf("%s %s (%s)\n     to %s (%s)\n\n", verify_only ? "Comparing" : "Copying", source_name.c_str(),
              std::string((*source)->engine()).c_str(), target_name.c_str(), std::string((*target)->engine()).c_str());
  print_header();
  auto report = verify_only ? data_copy::verify(**source, **target, print_row)
                            : data_copy::copy_all(**source, **target, print_row);
  (*source)->close();
  (*target)->close();
  if (!report) {
    std::fprintf(stderr, "\nhearth: %s\n", report.error().message.c_str());
    return 1;
  }
  return summarise(*report, verify_only, target_name);
}

}  // namespace hearth
