#include "store/search_postgres.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

#include "store/search_hits.hpp"

namespace hearth::search {
namespace {

// How search works on PostgreSQL. post_search.document holds the title (weight A), the
// body (B) and the scope tokens "g<group id>" and "p<privacy>" (D), under one GIN index.
//  1. Candidates: the newest `candidate_window` posts whose document matches every word in
//     title or body (:AB) and the viewer's scope (:D, an OR of readable tokens, minus the
//     excluded groups): the permission filter runs inside the index, as scope_tokens does
//     on SQLite. A member word can never match a scope token (different weights).
//  2. They are ranked with ts_rank (title 4× body, normalised by document length), best
//     first, equal scores newest first.
//  3. The best few times `limit` are checked against the live data, exactly as on SQLite
//     (not removed; the group's current privacy and the viewer's memberships), which is
//     what decides; the index's scope tokens may be stale after a privacy change.
//  4. ts_headline marks the words in the hits' titles and bodies; the snippet is cut here.
// Member words are quoted lexemes inside the tsquery: terms_of() splits on every ASCII
// character that isn't a letter or digit, so no term carries tsquery syntax, and quotes
// are doubled anyway.

constexpr char mark_open = '\x01';
constexpr char mark_close = '\x02';

std::string lexeme(std::string_view term, std::string_view weights) {
  std::string out = "'";
  for (const char ch : term) {
    if (ch == '\'' || ch == '\\') out += ch;
    out += ch;
  }
  return out.append("':").append(weights);
}

std::string all_of(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) out.append(out.empty() ? "" : " & ").append(lexeme(term, "AB"));
  return out;
}

std::string any_of(const std::vector<std::string>& tokens) {
  std::string out;
  for (const std::string& token : tokens) out.append(out.empty() ? "" : " | ").append(lexeme(token, "D"));
  return "(" + out + ")";
}

// The scope as a tsquery over the scope tokens; empty when the viewer can read nothing.
std::string scope_query(const Scope& scope) {
  if (scope.only_group) return lexeme(fmt::format("g{}", *scope.only_group), "D");
  std::vector<std::string> readable;
  for (const Privacy privacy : scope.open_privacies) readable.push_back(fmt::format("p{}", privacy_name(privacy)));
  for (const GroupId id : scope.member_groups) readable.push_back(fmt::format("g{}", id));
  if (readable.empty()) return "";
  std::string query = any_of(readable);
  if (!scope.excluded_groups.empty()) {
    std::vector<std::string> excluded;
    for (const GroupId id : scope.excluded_groups) excluded.push_back(fmt::format("g{}", id));
    query += " & !" + any_of(excluded);
  }
  return query;
}

template <class T, class F>
std::string array_literal(const std::vector<T>& items, F&& to_text) {
  std::string out = "{";
  for (const T& item : items) out.append(out.size() > 1 ? "," : "").append(to_text(item));
  return out + "}";
}

constexpr std::string_view candidates_sql =
    "WITH q AS MATERIALIZED (SELECT to_tsquery('hearth_search', ?) AS words, to_tsquery('simple', ?) AS scope),"
    " c AS MATERIALIZED (SELECT s.rowid AS rid, s.document FROM post_search s, q"
    "  WHERE s.document @@ (q.words && q.scope) ORDER BY s.rowid DESC LIMIT ?)"
    " SELECT c.rid, CAST(1000000 * ts_rank('{0, 0, 0.25, 1}', c.document, q.words, 1) AS BIGINT) FROM c, q";

struct Candidate {
  int64_t search_rowid = 0;
  int64_t score = 0;
};

// The live check (as search.cpp's hits_sql), best first. Group 0 means "every group".
constexpr std::string_view hits_select =
    "SELECT p.id, p.thread_id, p.group_id, g.slug, g.name,"
    " CASE WHEN op.deleted_at IS NULL THEN t.title ELSE '' END,"
    " CASE WHEN t.opening_post_id = p.id THEN 1 ELSE 0 END,"
    " p.anonymous, p.anonymous_label, per.id, per.name, p.created_at, m.search_rowid"
    " FROM unnest(CAST(? AS BIGINT[])) WITH ORDINALITY AS hit (rid, position)"
    " JOIN post_search_rows m ON m.search_rowid = hit.rid"
    " JOIN posts p ON p.id = m.post_id"
    " JOIN threads t ON t.id = p.thread_id"
    " JOIN posts op ON op.id = t.opening_post_id"
    " JOIN support_groups g ON g.id = p.group_id"
    " LEFT JOIN personas per ON per.id = p.author_persona_id AND p.anonymous = 0"
    " WHERE p.deleted_at IS NULL"
    " AND ((g.privacy = ANY (CAST(? AS TEXT[])) AND NOT p.group_id = ANY (CAST(? AS BIGINT[])))"
    "  OR p.group_id = ANY (CAST(? AS BIGINT[])))"
    " AND (? = 0 OR p.group_id = ?)";
const std::string& hits_sql() {
  static const std::string sql = fmt::format("{}{} ORDER BY hit.position LIMIT ?", hits_select, not_blocked_sql);
  return sql;
}


// ts_headline reads '<' and '&' as the start of HTML tags and entities and drops them;
// they travel as two control characters that member text never holds (validate_post_draft
// refuses them) and are put back here.
constexpr char stands_for_lt = '\x03';
constexpr char stands_for_amp = '\x04';

std::vector<Segment> segments(std::string_view marked) {
  std::vector<Segment> out;
  bool highlighted = false;
  std::string current;
  for (const char ch : marked) {
    if (ch != mark_open && ch != mark_close) {
      current += ch == stands_for_lt ? '<' : ch == stands_for_amp ? '&' : ch;
      continue;
    }
    if (!current.empty()) out.push_back({std::move(current), highlighted});
    current.clear();
    highlighted = ch == mark_open;
  }
  if (!current.empty()) out.push_back({std::move(current), highlighted});
  return out;
}

bool is_space(char ch) {
  return ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r';
}

// About 24 words of the marked body around its first match (8 before it), "…" where the
// body is cut, as FTS5's snippet(…, 24) gives on SQLite. Cuts fall on spaces, so never
// inside a marked word.
std::vector<Segment> snippet(std::string_view marked) {
  constexpr int before = 8, total = 24;
  const std::size_t match = std::min(marked.find(mark_open), marked.size());
  std::size_t start = match;
  for (int words = 0; start > 0;) {
    while (start > 0 && is_space(marked[start - 1])) --start;
    if (start == 0 || words == before) break;
    while (start > 0 && !is_space(marked[start - 1])) --start;
    ++words;
  }
  while (start < marked.size() && is_space(marked[start])) ++start;
  std::size_t end = start;
  for (int words = 0; end < marked.size() && words < total; ++words) {
    while (end < marked.size() && is_space(marked[end])) ++end;
    while (end < marked.size() && !is_space(marked[end])) ++end;
  }
  std::size_t rest = end;
  while (rest < marked.size() && is_space(marked[rest])) ++rest;
  std::vector<Segment> out = segments(marked.substr(start, end - start));
  if (start > 0) out.insert(out.begin(), Segment{"…", false});
  if (rest < marked.size()) out.push_back({"…", false});
  return out;
}

// Marks the words in the hits' titles and bodies (the whole text, cut in C++).
void add_highlights(Connection& c, const std::string& words, std::vector<std::pair<Hit, int64_t>>& hits) {
  if (hits.empty()) return;
  static const std::string options = fmt::format("StartSel={}, StopSel={}, HighlightAll=true", mark_open, mark_close);
  static const std::string from = "<&", to = {stands_for_lt, stands_for_amp};
  std::vector<int64_t> rowids;
  for (const auto& [hit, rowid] : hits) rowids.push_back(rowid);
  c.execute(
      "SELECT s.rowid, ts_headline('hearth_search', translate(s.title, ?, ?), q.words, ?),"
      " ts_headline('hearth_search', translate(s.body, ?, ?), q.words, ?)"
      " FROM post_search s, (SELECT to_tsquery('hearth_search', ?) AS words) q WHERE s.rowid = ANY (CAST(? AS "
      "BIGINT[]))",
      {from, to, options, from, to, options, words,
       array_literal(rowids, [](int64_t id) { return std::to_string(id); })},
      [&](const Row& r) {
        for (auto& [hit, rowid] : hits) {
          if (rowid != r.i64(0)) continue;
          hit.title =
              hit.is_opening_post && !hit.thread_title.empty() ? segments(r.text(1)) : segments(hit.thread_title);
          hit.snippet = snippet(r.text(2));
        }
      });
}

}  // namespace

std::vector<Hit> query_postgres(Connection& c, const Scope& scope, std::string_view text, int limit,
                                const Tuning& tuning, Trace* trace) {
  limit = std::clamp(limit, 1, max_results);
  if (trace) *trace = Trace{};
  const std::vector<std::string> terms = terms_of(text);
  const std::string scope_tokens = scope_query(scope);
  if (terms.empty() || scope_tokens.empty()) return {};
  const std::string words = all_of(terms);

  std::vector<Candidate> found;
  c.execute(candidates_sql, {words, scope_tokens, int64_t{tuning.candidate_window}}, [&](const Row& r) {
    found.push_back({r.i64(0), r.i64(1)});
  });
  if (trace) trace->candidates = trace->from_tokens = static_cast<int64_t>(found.size());
  // Best first; equal scores newest first. A few more than `limit`, in case the live check
  // drops some.
  const auto keep = std::min<std::size_t>(found.size(), static_cast<std::size_t>(limit) * 4 + 20);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return a.score != b.score ? a.score > b.score : a.search_rowid > b.search_rowid;
                    });
  found.resize(keep);
  if (found.empty()) return {};

  const auto id_text = [](int64_t id) { return std::to_string(id); };
  const int64_t only = scope.only_group.value_or(0);
  std::vector<std::pair<Hit, int64_t>> checked;
  c.execute(hits_sql(),
            {array_literal(found, [](const Candidate& k) { return std::to_string(k.search_rowid); }),
             array_literal(scope.open_privacies, [](Privacy p) { return std::string(privacy_name(p)); }),
             array_literal(scope.excluded_groups, id_text), array_literal(scope.member_groups, id_text), only, only,
             scope.viewer, scope.viewer, int64_t{limit}},
            [&](const Row& r) { checked.emplace_back(hit_from_row(r), r.i64(12)); });
  add_highlights(c, words, checked);
  std::vector<Hit> hits;
  for (auto& [hit, rowid] : checked) hits.push_back(std::move(hit));
  return hits;
}

void optimize_index_postgres(Connection& c) {
  c.run("SELECT gin_clean_pending_list('post_search_document')");
}

}  // namespace hearth::search
