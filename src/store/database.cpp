#include "store/database.hpp"

namespace hearth {

void Connection::run(std::string_view sql, const std::vector<SqlValue>& params) {
  execute(sql, params, [](const Row&) {});
}

std::optional<int64_t> Connection::first_i64(std::string_view sql, const std::vector<SqlValue>& params) {
  std::optional<int64_t> value;
  execute(sql, params, [&](const Row& row) {
    if (!value && !row.is_null(0)) value = row.i64(0);
  });
  return value;
}

}  // namespace hearth
