#pragma once
// A numbered, forward-only schema change. The SQL files under migrations/ are embedded at
// build time (scripts/embed_migrations.py); `engine` is empty when the file runs on every
// engine, or names the one engine it is for where the dialects differ.
#include <string_view>
#include <vector>

namespace hearth {

struct Migration {
  int version;
  std::string_view name;
  std::string_view engine;  // "", "sqlite" or "postgres"
  std::string_view sql;
};

const std::vector<Migration>& embedded_migrations();

}  // namespace hearth
