#pragma once
// Full-text search on PostgreSQL (migration 0005_search.postgres.sql): the same contract
// as search::query() in search.hpp, for the PostgreSQL engine. The index writes
// (index_post, remove_post, refresh_group_privacy) need no counterpart: post_search has
// the FTS5 table's columns there, and its tsvector is generated from them.
//
// store/search.cpp dispatches on Connection::engine(), so no caller outside store/ knows.
#include <string_view>
#include <vector>

#include "store/search.hpp"

namespace hearth::search {

std::vector<Hit> query_postgres(Connection& c, const Scope& scope, std::string_view text, int limit,
                                const Tuning& tuning = {}, Trace* trace = nullptr);

// Moves the GIN index's pending entries into the main index (what optimize_index does
// for FTS5's segments); VACUUM does the same, outside a transaction.
void optimize_index_postgres(Connection& c);

}  // namespace hearth::search
