#include "store/search.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "core/text.hpp"
#include "store/sanctions.hpp"
#include "store/search_hits.hpp"
#include "store/search_postgres.hpp"

namespace hearth::search {
namespace {

// Markers around matched words in snippet()/highlight() output. Member text can't contain
// them (validate_post_draft refuses control characters), so splitting on them is exact.
constexpr char mark_open = '\x01';
constexpr char mark_close = '\x02';

struct CodePoint {
  uint32_t value = 0;
  std::size_t size = 1;
};

// Decodes one code point of valid UTF-8 (the caller checked validity).
CodePoint decode(std::string_view text, std::size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  if (c < 0x80) return {c, 1};
  const std::size_t size = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  uint32_t value = c & (size == 4 ? 0x07 : size == 3 ? 0x0F : 0x1F);
  for (std::size_t k = 1; k < size && i + k < text.size(); ++k) {
    value = (value << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  }
  return {value, size};
}

bool in(uint32_t cp, uint32_t first, uint32_t last) {
  return cp >= first && cp <= last;
}

// Where a query is split into words: ASCII other than letters and digits, Latin-1
// punctuation and symbols, general punctuation (dashes, quotes, spaces), CJK and
// full-width punctuation, emoji. FTS5's unicode61 tokenizer treats all of these as
// separators too; anything missed here is still split by FTS5 inside the phrase.
bool is_separator(uint32_t cp) {
  if (cp < 0x80) return !((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'));
  return in(cp, 0x80, 0xBF) || cp == 0xD7 || cp == 0xF7 || in(cp, 0x2000, 0x206F) || in(cp, 0x2190, 0x2BFF) ||
         in(cp, 0x3000, 0x3003) || in(cp, 0x3008, 0x3011) || in(cp, 0xFE10, 0xFE6F) || in(cp, 0xFF01, 0xFF0F) ||
         in(cp, 0x1F000, 0x1FAFF);
}

// Letters and digits that unicode61 (SQLite 3.40) certainly indexes: a word holding one of
// them makes a phrase of at least one token. A word without any is dropped, because an
// empty FTS5 phrase would make the whole AND match nothing. (Checked against SQLite by
// tests/store/search_test.cpp.)
bool is_certain_token_character(uint32_t cp) {
  if (cp < 0x80) return !is_separator(cp);
  static constexpr uint32_t ranges[][2] = {
      {0xC0, 0xD6},       {0xD8, 0xF6},     {0xF8, 0x2C1},    {0x388, 0x3F5},   {0x3F7, 0x481},   {0x48A, 0x559},
      {0x560, 0x588},     {0x5D0, 0x5F2},   {0x620, 0x64A},   {0x671, 0x6D3},   {0x904, 0x939},   {0x984, 0x9BB},
      {0xA04, 0xA3B},     {0xA84, 0xABB},   {0xB04, 0xB3B},   {0xB83, 0xBBD},   {0xC04, 0xC3D},   {0xC84, 0xCBB},
      {0xD04, 0xD3D},     {0xD84, 0xDC9},   {0xE01, 0xE30},   {0x10A0, 0x10FA}, {0x10FC, 0x135C}, {0x1E00, 0x1FBC},
      {0x3041, 0x3096},   {0x30A1, 0x30FA}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xAC00, 0xD7A3}, {0xF900, 0xFAFF},
      {0x20000, 0x2FFFF},
  };
  return std::any_of(std::begin(ranges), std::end(ranges), [&](const auto& r) { return in(cp, r[0], r[1]); });
}

std::string quoted(std::string_view term) {
  std::string out = "\"";
  for (const char ch : term) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

std::string privacy_token(Privacy privacy) {
  return fmt::format("p{}", privacy_name(privacy));
}
std::string group_token(GroupId id) {
  return fmt::format("g{}", id);
}

// ",a,b," so that membership is instr(list, ',' || value || ',') > 0 with one statement text.
template <class T, class F>
std::string comma_list(const std::vector<T>& items, F&& to_text) {
  std::string out = ",";
  for (const T& item : items) out.append(to_text(item)).append(",");
  return out;
}

std::vector<Segment> segments(std::string_view marked) {
  std::vector<Segment> out;
  bool highlighted = false;
  std::string current;
  const auto flush = [&] {
    if (!current.empty()) out.push_back({std::move(current), highlighted});
    current.clear();
  };
  for (const char ch : marked) {
    if (ch == mark_open || ch == mark_close) {
      flush();
      highlighted = ch == mark_open;
    } else {
      current += ch;
    }
  }
  flush();
  return out;
}

}  // namespace

void index_post(Connection& c, const IndexedPost& post) {
  const std::string scope = fmt::format("{} {}", group_token(post.group_id), privacy_token(post.privacy));
  auto rowid = c.first_i64("SELECT search_rowid FROM post_search_rows WHERE post_id = ?", {post.post_id});
  if (rowid) {
    // Re-indexed (an edit): same place in the newest-first order.
    c.run("DELETE FROM post_search WHERE rowid = ?", {*rowid});
  } else {
    c.run("INSERT INTO post_search_rows (post_id, group_id) VALUES (?, ?)", {post.post_id, post.group_id});
    rowid = c.first_i64("SELECT search_rowid FROM post_search_rows WHERE post_id = ?", {post.post_id});
  }
  c.run("INSERT INTO post_search (rowid, title, body, scope) VALUES (?, ?, ?, ?)",
        {*rowid, post.title, post.body, scope});
}

void remove_post(Connection& c, PostId post_id) {
  const auto rowid = c.first_i64("SELECT search_rowid FROM post_search_rows WHERE post_id = ?", {post_id});
  if (!rowid) return;
  c.run("DELETE FROM post_search WHERE rowid = ?", {*rowid});
  c.run("DELETE FROM post_search_rows WHERE search_rowid = ?", {*rowid});
}

void refresh_group_privacy(Connection& c, GroupId group_id, Privacy privacy) {
  c.run("DELETE FROM post_search WHERE rowid IN (SELECT search_rowid FROM post_search_rows WHERE group_id = ?)",
        {group_id});
  c.run(
      "INSERT INTO post_search (rowid, title, body, scope)"
      " SELECT m.search_rowid, CASE WHEN t.opening_post_id = p.id THEN t.title ELSE '' END, p.body, ?"
      " FROM post_search_rows m JOIN posts p ON p.id = m.post_id JOIN threads t ON t.id = p.thread_id"
      " WHERE m.group_id = ?",
      {fmt::format("{} {}", group_token(group_id), privacy_token(privacy)), group_id});
}

void optimize_index(Connection& c) {
  if (c.engine() == "postgres") return optimize_index_postgres(c);
  c.run("INSERT INTO post_search (post_search) VALUES ('optimize')");
}

std::vector<ViewerMembership> memberships_of(Connection& c, AccountId account) {
  // Each membership with its status as the account's own standing (memberships::find_own): a
  // ban in force reads as banned whatever the row says, and a ban with no row left (the
  // author of an anonymous post who had left) counts as a banned membership too.
  const std::string banned = sanctions::ban_in_force_sql("m.group_id", "m.account_id");
  return c.all<ViewerMembership>(
      "SELECT g.privacy, m.group_id, m.account_id, m.persona_id, m.role, m.trained_volunteer,"
      " CASE WHEN " + banned + " THEN 'banned' ELSE m.status END,"
      " m.requested_at, m.joined_at FROM memberships m JOIN support_groups g ON g.id = m.group_id"
      " WHERE m.account_id = ?"
      " UNION ALL SELECT DISTINCT g.privacy, s.group_id, s.account_id, 0, 'member', 0, 'banned', 0, CAST(NULL AS BIGINT)"
      " FROM member_sanctions s JOIN support_groups g ON g.id = s.group_id"
      " WHERE s.account_id = ? AND s.kind = 'ban' AND s.applied = 1 AND s.lifted_at IS NULL"
      " AND NOT EXISTS (SELECT 1 FROM memberships m WHERE m.group_id = s.group_id AND m.account_id = s.account_id)",
      {account, account}, [](const Row& r) {
        ViewerMembership v;
        v.privacy = parse_privacy(r.text(0)).value_or(Privacy::hidden_group);
        v.membership.group_id = r.i64(1);
        v.membership.account_id = r.i64(2);
        v.membership.persona_id = r.i64(3);
        v.membership.role = parse_role(r.text(4)).value_or(Role::member);
        v.membership.trained_volunteer = r.i64(5) != 0;
        v.membership.status = parse_membership_status(r.text(6)).value_or(MembershipStatus::pending);
        v.membership.requested_at = r.i64(7);
        v.membership.joined_at = r.optional_i64(8);
        return v;
      });
}

std::vector<std::string> terms_of(std::string_view text) {
  std::vector<std::string> terms;
  if (!is_valid_utf8(text)) return terms;
  if (text.size() > max_query_bytes) {
    std::size_t cut = max_query_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a whole code point
    text = text.substr(0, cut);
  }
  std::string word;
  bool word_counts = false;
  const auto finish = [&] {
    if (word_counts && terms.size() < max_terms) {
      const std::string lowered = to_lower_ascii(word);
      if (std::find(terms.begin(), terms.end(), lowered) == terms.end()) terms.push_back(lowered);
    }
    word.clear();
    word_counts = false;
  };
  for (std::size_t i = 0; i < text.size();) {
    const CodePoint cp = decode(text, i);
    if (is_separator(cp.value)) {
      finish();
    } else {
      word.append(text.substr(i, cp.size));
      word_counts = word_counts || is_certain_token_character(cp.value);
    }
    i += cp.size;
  }
  finish();
  return terms;
}

std::string words_expression(const std::vector<std::string>& terms) {
  if (terms.empty()) return "";
  // Member words match only title and body, each as a quoted phrase: nothing a person
  // types is read as FTS5 syntax (AND, NEAR(, *, -, :, ^, quotes…).
  std::string words;
  for (const std::string& term : terms) words.append(words.empty() ? "" : " AND ").append(quoted(term));
  return fmt::format("{{title body}} : ({})", words);
}

std::string match_expression(const std::vector<std::string>& terms, const Scope& scope) {
  if (terms.empty()) return "";
  if (scope.open_privacies.empty() && scope.member_groups.empty()) return "";
  const std::string matched = words_expression(terms);
  // "In this group": its token alone narrows the most (whether the viewer may read the
  // group is checked by the caller and again by query()'s live check).
  if (scope.only_group) return fmt::format("({}) AND (scope : {})", matched, group_token(*scope.only_group));
  const auto any_of = [](const std::vector<std::string>& tokens) {
    std::string out;
    for (const std::string& token : tokens) out.append(out.empty() ? "" : " OR ").append(token);
    return out;
  };
  std::vector<std::string> readable;
  for (const Privacy privacy : scope.open_privacies) readable.push_back(privacy_token(privacy));
  for (const GroupId id : scope.member_groups) readable.push_back(group_token(id));
  std::string expression = fmt::format("({}) AND (scope : ({}))", matched, any_of(readable));
  if (!scope.excluded_groups.empty()) {
    std::vector<std::string> excluded;
    for (const GroupId id : scope.excluded_groups) excluded.push_back(group_token(id));
    expression = fmt::format("({}) NOT (scope : ({}))", expression, any_of(excluded));
  }
  return expression;
}

// How search stays fast and permission-aware on a large index (measured on 1M posts, CPU
// of the statements alone unless said otherwise):
//  1. The index is read newest first and stops after `candidate_window` readable matches:
//     the cost is bounded whatever the number of matches (a word in every post costs about
//     the same as a rare one). FTS5's bm25() can't be used for this: before ranking it
//     walks the whole doclist of every phrase in the query (measured: 75 ms for a rare word
//     once the scope tokens are in the query, 1.6 s for a common word, on 1M posts).
//  2. Only readable posts are scored, by one of two plans (Plan in search.hpp):
//     - scope_tokens: the permission filter and the group filter run INSIDE the FTS5 query,
//       on the scope tokens ("ppublic", "g123"), so a viewer who can read little (a guest on
//       a site of private groups) doesn't pay for matches they can't see, and "in this
//       group" is cheap. Each token adds a doclist merge to every step of the scan: about
//       +2 ms per query for 75 tokens, +5 ms for 250 (CPU, rare and common words alike).
//     - group_filter, for scopes of more than `max_scope_tokens` tokens: the index matches
//       the words alone and a join checks each match's group (live privacy, memberships)
//       before it is scored, at about 1 µs per match looked at, however many groups
//       (candidates for a member of 75 groups: 3.7 ms instead of 4.8; of 250: 3.3 / 7.8). It
//       pays only if the viewer can read most matches, so a probe first reads the newest
//       `density_probe` matches (rowids and groups, ~0.2 ms): under `min_readable_percent`
//       readable, scope tokens after all (a member of many groups on a site of private
//       groups). And if fewer are readable further back, the filter stops after about
//       `filter_scan` matches (how far back that reaches is estimated from the probe's
//       rowids) and scope tokens find the rest of the window. So its worst case is bounded
//       (the probe plus a few ms more than scope_tokens), and both plans rank exactly the
//       same posts: the newest `candidate_window` readable matches.
//  3. The candidates are ranked by a bm25-style score, hearth_match_score()
//     (store/sqlite/match_score.hpp): term frequency in title (weighted 4×) and body,
//     saturated and normalised by length in tokens. It leaves out bm25's inverse document
//     frequency, which only re-weights the query's words against each other — every
//     candidate contains every word. It reads only the match positions and token counts the
//     index already holds; the highlight()-based formula it replaced re-read and
//     re-tokenised every candidate (71% of a search's instructions, about 5 µs each).
//  4. SQL checks the best-ranked candidates (a few times `limit`) against the live data:
//     the post isn't removed, the group's current privacy and the viewer's memberships as
//     passed in the scope. This is the authoritative check: scope tokens may be stale after
//     a privacy change, and must never be able to leak. Rejections are rare (only stale
//     tokens); if there were very many, the answer would be short rather than slow.
//  5. Highlights and snippets for the hits are looked up with the words alone: a MATCH on
//     one rowid still sets up every phrase of the expression, and with the scope's tokens
//     that cost 1 ms per hit for a member of 75 groups.
// The trade-off: for words found in more than `candidate_window` readable posts, results
// come from the most recent of them — the latest conversations, which is what a member
// looking for support usually wants. Measured on 1M posts (after optimize_index(); bench/
// README.md, "search for members of many groups", has the setup and more figures): a whole
// search through the API, one at a time, p50 about 5–7 ms for a guest, a member of 5
// groups and a member of all 250 groups (75 private or hidden) alike, for two or three
// common words (before group_filter and point 5: 55–62 ms for the member of 250). About
// 32–49 million instructions per search, 70% of them scoring the candidates (point 3).
namespace {

struct Candidate {
  int64_t search_rowid = 0;
  int64_t score = 0;  // millionths, so that it travels as an integer
};

// The newest matches of a MATCH expression, each with its score (hearth_match_score,
// store/sqlite/match_score.hpp). %JOIN% and %WHERE% are filled in by the plan; the statement
// ends with the `LIMIT ?`.
constexpr std::string_view scored_sql =
    "SELECT s.rowid, hearth_match_score(post_search) FROM post_search s%JOIN%"
    " WHERE post_search MATCH ?%WHERE% ORDER BY s.rowid DESC LIMIT ?";

// scope_tokens: the scope is in the MATCH expression. Parameters: match, highest rowid, limit.
constexpr std::string_view tokens_where = " AND s.rowid <= ?";
// group_filter: the words alone, then the group's live privacy and the viewer's
// memberships, as query()'s final check has them. Parameters of `readable_sql`: open
// privacies (",public,"), excluded groups and member groups (JSON arrays).
constexpr std::string_view filter_join =
    " JOIN post_search_rows m ON m.search_rowid = s.rowid JOIN support_groups g ON g.id = m.group_id";
constexpr std::string_view readable_sql =
    "((instr(?, ',' || g.privacy || ',') > 0 AND m.group_id NOT IN (SELECT value FROM json_each(?)))"
    " OR m.group_id IN (SELECT value FROM json_each(?)))";

std::string filled(std::string_view sql, std::initializer_list<std::pair<std::string_view, std::string_view>> parts) {
  std::string out(sql);
  for (const auto& [marker, text] : parts) out.replace(out.find(marker), marker.size(), text);
  return out;
}

const std::string& tokens_statement() {
  static const std::string statement = filled(scored_sql, {{"%JOIN%", ""}, {"%WHERE%", tokens_where}});
  return statement;
}
// Parameters: words, lowest rowid (exclusive), the readable_sql ones, limit.
const std::string& filter_statement() {
  static const std::string where = fmt::format(" AND s.rowid > ? AND {}", readable_sql);
  static const std::string statement = filled(scored_sql, {{"%JOIN%", filter_join}, {"%WHERE%", where}});
  return statement;
}
// The newest matches (rowids only, no scoring): how many, how many of them are readable, and
// the oldest and newest rowid. Parameters: words, how many, the readable_sql ones.
const std::string& probe_statement() {
  static const std::string statement = fmt::format(
      "WITH s AS MATERIALIZED (SELECT rowid AS rid FROM post_search WHERE post_search MATCH ?"
      "  ORDER BY rowid DESC LIMIT ?)"
      " SELECT count(*), coalesce(sum({}), 0), coalesce(min(s.rid), 0), coalesce(max(s.rid), 0)"
      " FROM s JOIN post_search_rows m ON m.search_rowid = s.rid JOIN support_groups g ON g.id = m.group_id",
      readable_sql);
  return statement;
}

void read_candidates(Connection& c, const std::string& sql, const std::vector<SqlValue>& params,
                     std::vector<Candidate>& out) {
  c.execute(sql, params, [&](const Row& r) { out.push_back({r.i64(0), r.i64(1)}); });
}

template <class T>
std::string json_array(const std::vector<T>& ids) {
  std::string out = "[";
  for (const T& id : ids) out.append(out.size() > 1 ? "," : "").append(std::to_string(id));
  return out + "]";
}

std::string open_list(const Scope& scope) {
  return comma_list(scope.open_privacies, [](Privacy p) { return std::string(privacy_name(p)); });
}

struct Probe {
  int64_t seen = 0;
  int64_t readable = 0;
  int64_t oldest = 0;  // rowids
  int64_t newest = 0;
};

Probe probe(Connection& c, const Scope& scope, const std::string& words, const Tuning& tuning) {
  Probe p;
  c.execute(probe_statement(),
            {words, int64_t{tuning.density_probe}, open_list(scope), json_array(scope.excluded_groups),
             json_array(scope.member_groups)},
            [&](const Row& r) {
              p = {r.i64(0), r.i64(1), r.i64(2), r.i64(3)};
            });
  return p;
}

// The group filter pays for every match it looks at, readable or not: worth it when the
// newest matches are mostly readable, or when there are so few that the probe saw them all.
bool filter_pays(const Probe& p, const Tuning& tuning) {
  return p.seen < tuning.density_probe || p.readable * 100 >= p.seen * tuning.min_readable_percent;
}

// The rowid above which the group filter looks at about `filter_scan` matches, judging by
// how densely the probe found them; 0 when that reaches back to the oldest match.
int64_t filter_floor(const Probe& p, const Tuning& tuning) {
  if (p.seen < tuning.density_probe || p.seen == 0) return 0;  // every match was in the probe
  const int64_t span = p.newest - p.oldest + 1;                // rowids holding `seen` matches
  return std::max<int64_t>(0, p.newest + 1 - span * tuning.filter_scan / p.seen);
}

// The newest `candidate_window` readable matches, scored.
std::vector<Candidate> candidates(Connection& c, const Scope& scope, const std::string& match, const std::string& words,
                                  const Tuning& tuning, Trace& trace) {
  std::vector<Candidate> found;
  const int64_t window = tuning.candidate_window;
  const bool consider_filter = plan_for(scope, tuning) == Plan::group_filter;
  const Probe p = consider_filter ? probe(c, scope, words, tuning) : Probe{};
  if (consider_filter && p.seen == 0) return found;  // the words match nothing at all
  if (!consider_filter || !filter_pays(p, tuning)) {
    trace.plan = Plan::scope_tokens;
    read_candidates(c, tokens_statement(), {match, std::numeric_limits<int64_t>::max(), window}, found);
    trace.from_tokens = static_cast<int64_t>(found.size());
    return found;
  }
  trace.plan = Plan::group_filter;
  const int64_t floor = filter_floor(p, tuning);
  read_candidates(
      c, filter_statement(),
      {words, floor, open_list(scope), json_array(scope.excluded_groups), json_array(scope.member_groups), window},
      found);
  // Older readable matches, if the window isn't full: the tokens find them without
  // looking at what the viewer can't read.
  const auto missing = window - static_cast<int64_t>(found.size());
  if (floor > 0 && missing > 0) {
    const auto filtered = static_cast<int64_t>(found.size());
    read_candidates(c, tokens_statement(), {match, floor, missing}, found);
    trace.from_tokens = static_cast<int64_t>(found.size()) - filtered;
  }
  return found;
}

// The best candidates, checked against the live data, with what a result shows, best first.
constexpr std::string_view hits_select =
    "SELECT p.id, p.thread_id, p.group_id, g.slug, g.name,"
    " CASE WHEN op.deleted_at IS NULL THEN t.title ELSE '' END,"
    " CASE WHEN t.opening_post_id = p.id THEN 1 ELSE 0 END,"
    " p.anonymous, p.anonymous_label, per.id, per.name, p.created_at, m.search_rowid"
    " FROM json_each(?) hit"
    " JOIN post_search_rows m ON m.search_rowid = hit.value"
    " JOIN posts p ON p.id = m.post_id"
    " JOIN threads t ON t.id = p.thread_id"
    " JOIN posts op ON op.id = t.opening_post_id"
    " JOIN support_groups g ON g.id = p.group_id"
    " LEFT JOIN personas per ON per.id = p.author_persona_id AND p.anonymous = 0"
    " WHERE p.deleted_at IS NULL"
    " AND ((instr(?, ',' || g.privacy || ',') > 0 AND instr(?, ',' || p.group_id || ',') = 0)"
    "  OR instr(?, ',' || p.group_id || ',') > 0)"
    " AND (? IS NULL OR p.group_id = ?)";
const std::string& hits_sql() {
  static const std::string sql = fmt::format("{}{} ORDER BY hit.key LIMIT ?", hits_select, not_blocked_sql);
  return sql;
}


// The hits among `ranked` (best first) that pass the live check, with their search rowids.
std::vector<std::pair<Hit, int64_t>> checked_hits(Connection& c, const Scope& scope, const std::vector<int64_t>& ranked,
                                                  int limit) {
  const auto id_text = [](GroupId id) { return std::to_string(id); };
  // Built step by step: a braced list copying the same variant twice trips GCC 12's
  // -Wmaybe-uninitialized at -O2 (a false positive).
  std::vector<SqlValue> params{json_array(ranked),
                               comma_list(scope.open_privacies, [](Privacy p) { return std::string(privacy_name(p)); }),
                               comma_list(scope.excluded_groups, id_text), comma_list(scope.member_groups, id_text)};
  for (int i = 0; i < 2; ++i) {
    if (scope.only_group)
      params.emplace_back(*scope.only_group);
    else
      params.emplace_back(nullptr);
  }
  params.emplace_back(scope.viewer);
  params.emplace_back(scope.viewer);
  params.emplace_back(int64_t{limit});
  std::vector<std::pair<Hit, int64_t>> hits;
  c.execute(hits_sql(), params, [&](const Row& r) { hits.emplace_back(hit_from_row(r), r.i64(12)); });
  return hits;
}

}  // namespace

Plan plan_for(const Scope& scope, const Tuning& tuning) {
  const std::size_t tokens = scope.member_groups.size() + scope.excluded_groups.size();
  if (scope.only_group || tokens <= tuning.max_scope_tokens) return Plan::scope_tokens;
  return Plan::group_filter;
}

std::vector<Hit> query(Connection& c, const Scope& scope, std::string_view text, int limit, const Tuning& tuning,
                       Trace* trace) {
  // PostgreSQL has its own full-text index (store/search_postgres.cpp), same contract.
  if (c.engine() == "postgres") return query_postgres(c, scope, text, limit, tuning, trace);
  limit = std::clamp(limit, 1, max_results);
  const std::vector<std::string> terms = terms_of(text);
  const std::string match = match_expression(terms, scope);
  if (match.empty()) return {};
  const std::string words = words_expression(terms);
  Trace local;
  Trace& traced = trace ? *trace : local;
  traced = Trace{};
  std::vector<Candidate> found = candidates(c, scope, match, words, tuning, traced);
  traced.candidates = static_cast<int64_t>(found.size());
  // Best first; equal scores newest first. A few more than `limit`, in case the live check
  // drops some.
  const auto keep = std::min<std::size_t>(found.size(), static_cast<std::size_t>(limit) * 4 + 20);
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(keep), found.end(),
                    [](const Candidate& a, const Candidate& b) {
                      return a.score != b.score ? a.score > b.score : a.search_rowid > b.search_rowid;
                    });
  std::vector<int64_t> ranked;
  for (std::size_t i = 0; i < keep; ++i) ranked.push_back(found[i].search_rowid);
  std::vector<Hit> hits;
  for (auto& [hit, search_rowid] : checked_hits(c, scope, ranked, limit)) {
    // Highlights for the (at most `limit`) hits: FTS5's auxiliary functions need the MATCH
    // cursor, and a rowid look-up within it is cheap with the words alone.
    c.execute(
        "SELECT highlight(post_search, 0, char(1), char(2)), snippet(post_search, 1, char(1), char(2), '…', 24)"
        " FROM post_search WHERE post_search MATCH ? AND rowid = ?",
        {words, search_rowid}, [&](const Row& r) {
          hit.title =
              hit.is_opening_post && !hit.thread_title.empty() ? segments(r.text(0)) : segments(hit.thread_title);
          hit.snippet = segments(r.text(1));
        });
    hits.push_back(std::move(hit));
  }
  return hits;
}

}  // namespace hearth::search
