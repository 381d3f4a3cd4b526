#include "store/sqlite/match_score.hpp"

#include <sqlite3.h>

#include <cmath>

#include "store/database.hpp"

namespace hearth {
namespace {

// Columns of post_search (migrations/0005_search.sqlite.sql).
constexpr int title_column = 0;
constexpr int body_column = 1;

// bm25's usual constants, and typical lengths in tokens (about the 40 and 400 characters the
// earlier formula used). Fixed rather than the index's averages: replies have empty titles,
// which would make every thread title look long.
constexpr double saturation = 1.2;       // k1
constexpr double length_weight = 0.75;   // b
constexpr double typical_title_tokens = 7.0;
constexpr double typical_body_tokens = 70.0;
constexpr double title_weight = 4.0;

double saturated(double matches, double tokens, double typical_tokens) {
  if (matches <= 0) return 0;
  const double length_factor = 1.0 - length_weight + length_weight * tokens / typical_tokens;
  return matches * (saturation + 1.0) / (matches + saturation * length_factor);
}

void match_score(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* result, int, sqlite3_value**) {
  int instances = 0;
  if (int rc = api->xInstCount(fts, &instances); rc != SQLITE_OK) {
    sqlite3_result_error_code(result, rc);
    return;
  }
  double title_matches = 0;
  double body_matches = 0;
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK) {
      sqlite3_result_error_code(result, rc);
      return;
    }
    if (column == title_column) title_matches += 1;
    if (column == body_column) body_matches += 1;
  }
  int title_tokens = 0, body_tokens = 0;
  if (title_matches > 0) api->xColumnSize(fts, title_column, &title_tokens);
  if (body_matches > 0) api->xColumnSize(fts, body_column, &body_tokens);
  const double score = title_weight * saturated(title_matches, title_tokens, typical_title_tokens) +
                       saturated(body_matches, body_tokens, typical_body_tokens);
  sqlite3_result_int64(result, static_cast<sqlite3_int64>(std::llround(score * 1e6)));
}

// FTS5 hands out its extension interface through a pointer-typed SQL value.
fts5_api* fts5_interface(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, nullptr) == SQLITE_OK) {
    sqlite3_bind_pointer(statement, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(statement);
  }
  sqlite3_finalize(statement);
  return api;
}

}  // namespace

void register_match_score(sqlite3* db) {
  fts5_api* api = fts5_interface(db);
  if (!api || api->iVersion < 2) {
    throw DatabaseError(DatabaseError::Kind::other, "this SQLite has no usable FTS5; Hearth's search needs it");
  }
  if (api->xCreateFunction(api, "hearth_match_score", nullptr, &match_score, nullptr) != SQLITE_OK) {
    throw DatabaseError(DatabaseError::Kind::other, "could not register the search ranking function");
  }
}

}  // namespace hearth
