#pragma once
// What both engines' searches share when they check their best candidates against the live
// data (store/search.cpp for SQLite, store/search_postgres.cpp): the columns a result is
// read from and the rule that leaves out posts a block stands between. The permission part
// of the check differs by dialect and stays with each engine.
#include <string_view>

#include "store/database.hpp"
#include "store/search.hpp"

namespace hearth::search {

// Columns 0–11 of a checked hit: post, thread, group id, slug, name, thread title (empty if
// its opening post was removed), is-opening-post, anonymous, anonymous label, persona id and
// name (NULL for anonymous posts), created_at.
Hit hit_from_row(const Row& r);

// Blocks, both ways, on persona_blocks' two indexes; never an anonymous post
// (docs/blocking.md). Parameters: the viewer's account, twice.
constexpr std::string_view not_blocked_sql =
    " AND (p.anonymous = 1 OR NOT EXISTS (SELECT 1 FROM persona_blocks b WHERE"
    "  (b.blocker_account_id = ? AND b.blocked_persona_id = p.author_persona_id)"
    "  OR (b.blocked_account_id = ? AND b.blocker_persona_id = p.author_persona_id)))";

}  // namespace hearth::search
