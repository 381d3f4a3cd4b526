#pragma once

struct sqlite3;

namespace hearth {

// Registers the FTS5 ranking function `hearth_match_score(post_search)` on a connection.
// It scores the current match of a full-text query the way store/search.cpp ranks
// candidates: how often the query's words occur in the title (weighted 4x) and in the body,
// saturated and normalised by the column's length against the index's average (bm25 without
// the inverse document frequency, which only re-weights the query's words against each other
// when every candidate contains every word). It reads only what the index already holds for
// the row (its match positions and its token counts), never the row's text: the
// highlight()-based formula it replaces re-read and re-tokenised every candidate, which was
// 70% of a search's instructions. Scope tokens (the third column) don't count.
// The score is returned in millionths, as an integer. Throws DatabaseError if FTS5 is missing.
void register_match_score(sqlite3* db);

}  // namespace hearth
