#pragma once
// Store SQL is written once with SQLite's `?` placeholders; PostgreSQL numbers them ($1,
// $2, …). The rewrite skips string literals, quoted identifiers, dollar-quoted bodies and
// comments, so a `?` inside them stays as written.
#include <string>
#include <string_view>

namespace hearth::postgres {

struct NumberedSql {
  std::string sql;
  int placeholders = 0;
};

NumberedSql number_placeholders(std::string_view sql);

}  // namespace hearth::postgres
