#include <fmt/format.h>

#include "app/commands.hpp"

namespace hearth {

std::string usage_text() {
  std::string text =
      "hearth — peer support groups\n\n"
      "Usage:\n"
      "  hearth serve   [options]            migrate the database, then serve (the default)\n"
      "  hearth migrate [options]            apply database migrations and exit\n"
      "  hearth seed demo [--if-empty]       add the demo community (only to an empty database\n"
      "                                      with --if-empty)\n"
      "  hearth seed scale --posts N [--seed S]  a large synthetic community for benchmarks\n"
      "  hearth migrate-data --from LOCATION --to LOCATION [--verify]\n"
      "                                      copy a whole community into an empty database (SQLite\n"
      "                                      to PostgreSQL) and check it; --verify only compares\n"
      "  hearth routes  [options]            list every page and API route (method, pattern, name)\n"
      "  hearth bench-filters [--words N] [--runs N]  time the safety filters per post (bench/filters.sh)\n"
      "  hearth admin grant|revoke LOGIN     make an account a platform admin, or withdraw it\n"
      "  hearth --help                       this text\n\n"
      "Options (each also in hearth.toml as KEY = value, and as an environment variable):\n"
      "  --config FILE                       TOML configuration file [./hearth.toml if present]\n";
  for (const auto& setting : all_settings()) {
    text += fmt::format("  {:<34} {}\n", flag_for(setting.key) + " VALUE", setting.description);
    text += fmt::format("  {:<34} (env {}, toml {})\n", "", env_for(setting.key), setting.key);
  }
  text += "\nPrecedence: defaults < hearth.toml < HEARTH_* environment < command-line flags.\n";
  return text;
}

}  // namespace hearth
