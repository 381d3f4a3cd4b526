#pragma once
// Full-text search over thread titles and post bodies (SQLite FTS5, migration 0005).
//
// The index is written in the same transaction as the post (index_post / remove_post), so
// a search never finds a post that doesn't exist or was removed.
//
// Permission: query() makes no permission decision of its own. The caller describes what
// the viewer may read as a Scope, computed with policy/ (actions/search.hpp does this), and
// query() returns only posts inside that scope. Results never carry an anonymous author's
// persona.
//
// Engine: written for SQLite's FTS5 (MATCH, highlight(), snippet()); a PostgreSQL engine will
// need its own module (tsvector) behind the same functions.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/conversation.hpp"
#include "domain/group.hpp"
#include "domain/membership.hpp"
#include "store/database.hpp"
#include "store/threads.hpp"

namespace hearth::search {

struct IndexedPost {
  PostId post_id = 0;
  GroupId group_id = 0;
  Privacy privacy = Privacy::hidden_group;
  ThreadId thread_id = 0;
  std::string title;  // the thread's title for its opening post, empty for replies
  std::string body;
};
// Adds or replaces the post's entry.
void index_post(Connection& c, const IndexedPost& post);
void remove_post(Connection& c, PostId post_id);
// Rewrites the privacy token of every post of the group. Call in the same transaction as a
// change of the group's privacy (until then, posts of a group that became more open are
// missing from non-members' results; a group that became less open never leaks, because
// query() checks the live privacy too).
void refresh_group_privacy(Connection& c, GroupId group_id, Privacy privacy);

// Merges the index's segments into one, which roughly halves query time after many
// writes (measured on 1M posts). For maintenance (after a bulk load, or nightly); it
// rewrites the whole index, so not inside request handling.
void optimize_index(Connection& c);

// What the viewer may read, as policy/ decided it.
struct Scope {
  std::vector<Privacy> open_privacies;   // levels anyone (without a membership) may read
  std::vector<GroupId> member_groups;    // further groups readable through a membership
  std::vector<GroupId> excluded_groups;  // groups of an open level the viewer may not read (banned)
  std::optional<GroupId> only_group;     // the "in this group" filter
  // The viewer, for blocks (docs/blocking.md): posts shown under a persona they blocked, or
  // under the name of someone who blocked them, are left out; anonymous posts never are.
  // 0: a guest.
  AccountId viewer = 0;
};

// The viewer's memberships of any status, with each group's privacy: what policy needs to
// build a Scope (and the home feed's list of groups), in one query.
struct ViewerMembership {
  Privacy privacy = Privacy::hidden_group;
  Membership membership;
};
std::vector<ViewerMembership> memberships_of(Connection& c, AccountId account);

// The words of a query, as FTS5 phrases will match them: split on spaces and punctuation,
// without operators, at most `max_terms`, duplicates dropped. Words with no letter or digit
// are dropped (they would make FTS5 match nothing).
inline constexpr std::size_t max_terms = 12;
inline constexpr std::size_t max_query_bytes = 500;
std::vector<std::string> terms_of(std::string_view text);
// The FTS5 MATCH expression for the terms within the scope; empty when nothing can match.
std::string match_expression(const std::vector<std::string>& terms, const Scope& scope);
// The terms alone, matched in title and body: for highlights, and for the group_filter
// plan, whose scope is checked outside the index. Empty when there are no terms.
std::string words_expression(const std::vector<std::string>& terms);

struct Segment {
  std::string text;
  bool highlighted = false;  // a matched word: the view marks it (escaping the text like any other)
};

struct Hit {
  PostId post_id = 0;
  ThreadId thread_id = 0;
  GroupId group_id = 0;
  std::string group_slug;
  std::string group_name;
  std::string thread_title;  // empty when the thread's opening post was removed
  bool is_opening_post = false;
  std::vector<Segment> title;    // the thread title, with matches marked for opening posts
  std::vector<Segment> snippet;  // a short excerpt of the body around the matches
  AuthorDisplay author;          // anonymous label only, for anonymous posts; no role
  UnixMillis created_at = 0;
};

inline constexpr int max_results = 50;
// How many of the newest matching posts are ranked (see search.cpp for why).
inline constexpr int candidate_window = 500;

// How query() finds the newest readable matches (search.cpp explains the costs).
//  - scope_tokens: the permission filter runs inside the full-text index, as an OR of the
//    scope's tokens ("ppublic OR g12 OR g57"). Cheap while the scope has few tokens.
//  - group_filter: the index matches the words only, and each match's group is checked
//    against the scope (a join) before it is scored. For viewers with many member groups
//    (whose tokens would each add a doclist merge to every query) who can read most of
//    the matches. Both plans rank exactly the same posts.
enum class Plan { scope_tokens, group_filter };

// Knobs of the plans, fixed in production; tests shrink them to reach the boundaries.
struct Tuning {
  int candidate_window = search::candidate_window;
  // More group tokens (member groups plus excluded groups) than this: group_filter is
  // considered (never with "only this group", whose one token narrows the most).
  std::size_t max_scope_tokens = 32;
  // group_filter first reads this many of the newest matches (rowids and groups only) ...
  int density_probe = 200;
  // ... and is used only if at least this share of them is readable (or the probe saw
  // every match); otherwise scope tokens, which never look at what the viewer can't read.
  int min_readable_percent = 25;
  // group_filter looks at about this many of the newest matches (readable or not; how far
  // back that reaches is estimated from the probe's rowids); the rest of the window is
  // found with scope tokens. So its cost stays bounded if fewer are readable further back.
  int filter_scan = 4000;
};
// The plan a scope starts with: group_filter only when it has more than max_scope_tokens.
Plan plan_for(const Scope& scope, const Tuning& tuning = {});

// What query() did, for tests and measurements.
struct Trace {
  Plan plan = Plan::scope_tokens;  // how the candidates were found
  int64_t candidates = 0;          // readable matches scored (at most candidate_window)
  int64_t from_tokens = 0;         // of them, found with scope tokens
};

// The best-ranked posts matching every word of `text` within `scope`, among the newest
// `candidate_window` such posts. Empty (never an error) for an empty query, a query of
// only operators or punctuation, or no match.
std::vector<Hit> query(Connection& c, const Scope& scope, std::string_view text, int limit, const Tuning& tuning = {},
                       Trace* trace = nullptr);

}  // namespace hearth::search
