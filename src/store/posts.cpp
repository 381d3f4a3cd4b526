#include "store/posts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <unordered_map>

#include "core/random.hpp"

namespace hearth::posts {
namespace {

constexpr std::string_view post_columns =
    "id, group_id, thread_id, parent_id, depth, branch_id, author_account_id, author_persona_id, anonymous,"
    " anonymous_label, body, content_warning, created_at, edited_at, deleted_at, idempotency_key, body_html,"
    " held_at, held_reason, removed_by_moderator, removal_explanation, removal_rule";

Post to_post(const Row& r) {
  Post p;
  p.id = r.i64(0);
  p.group_id = r.i64(1);
  p.thread_id = r.i64(2);
  p.parent_id = r.optional_i64(3);
  p.depth = static_cast<int>(r.i64(4));
  p.branch_id = r.optional_i64(5);
  p.author_account_id = r.i64(6);
  p.author_persona_id = r.i64(7);
  p.anonymous = r.i64(8) != 0;
  p.anonymous_label = r.text(9);
  p.body = r.text(10);
  p.content_warning = r.text(11);
  p.created_at = r.i64(12);
  p.edited_at = r.optional_i64(13);
  p.deleted_at = r.optional_i64(14);
  p.idempotency_key = r.text(15);
  p.body_html = r.text(16);
  p.held_at = r.optional_i64(17);
  p.held_reason = r.text(18);
  p.removed_by_moderator = r.i64(19) != 0;
  p.removal_explanation = r.text(20);
  if (!r.is_null(21)) p.removal_rule = static_cast<int>(r.i64(21));
  return p;
}

// The author's persona and role are joined only for posts that are neither anonymous nor
// removed: an anonymous author's identity never enters a display row.
constexpr std::string_view view_select =
    "SELECT p.id, p.parent_id, p.depth, p.author_account_id, p.anonymous, p.anonymous_label,"
    " CASE WHEN p.deleted_at IS NULL THEN p.body_html ELSE '' END,"
    " CASE WHEN p.deleted_at IS NULL THEN p.content_warning ELSE '' END,"
    " p.created_at, p.edited_at, CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END,"
    " per.id, per.name, m.role, m.trained_volunteer,"
    " CASE WHEN p.held_at IS NULL THEN 0 ELSE 1 END, p.removed_by_moderator,"
    " CASE WHEN p.removed_by_moderator = 1 AND (p.author_account_id = ? OR ? = 1) THEN p.removal_explanation"
    "  ELSE '' END, p.removal_rule"
    " FROM posts p"
    " LEFT JOIN personas per ON per.id = p.author_persona_id AND p.anonymous = 0 AND p.deleted_at IS NULL"
    " LEFT JOIN memberships m ON m.group_id = p.group_id AND m.account_id = p.author_account_id"
    "  AND m.status = 'active' AND p.anonymous = 0 AND p.deleted_at IS NULL";

// Posts waiting for a moderator: only the viewer's own, or all for a moderator's view.
// Parameters: viewer, moderator_view.
constexpr std::string_view shown_held = " AND (p.held_at IS NULL OR p.author_account_id = ? OR ? = 1)";

// The page's top-level replies: keyset on (created_at, id) over posts_thread.
// Parameters: thread, created_at, id, viewer, moderator_view, limit.
constexpr std::string_view page_branches =
    "SELECT p.id FROM posts p WHERE p.thread_id = ? AND p.depth = 1 AND (p.created_at, p.id) > (?, ?)"
    " AND (p.held_at IS NULL OR p.author_account_id = ? OR ? = 1)"
    " ORDER BY p.created_at, p.id LIMIT ?";

PostView to_view(const Row& r) {
  PostView v;
  v.id = r.i64(0);
  v.parent_id = r.optional_i64(1);
  v.depth = static_cast<int>(r.i64(2));
  v.author_account_id = r.i64(3);
  v.body_html = r.text(6);
  v.content_warning = r.text(7);
  v.created_at = r.i64(8);
  v.edited_at = r.optional_i64(9);
  v.removed = r.i64(10) != 0;
  v.held = r.i64(15) != 0;
  v.removed_by_moderator = v.removed && r.i64(16) != 0;
  v.removal_explanation = r.text(17);
  if (v.removed_by_moderator && !r.is_null(18)) v.removal_rule = static_cast<int>(r.i64(18));
  if (!v.removed) {
    v.author.anonymous = r.i64(4) != 0;
    if (v.author.anonymous) {
      v.author.anonymous_label = r.text(5);
    } else if (!r.is_null(11)) {
      v.author.persona_id = r.i64(11);
      v.author.persona_name = r.text(12);
      if (!r.is_null(13)) {
        v.author.role = parse_role(r.text(13));
        v.author.trained_volunteer = r.i64(14) != 0;
      }
    }
  }
  return v;
}

// Orders posts (already sorted by created_at, id) for threaded display: the opening post,
// then every top-level reply followed by its subtree, depth first, oldest sibling first.
std::vector<PostView> as_tree(std::vector<PostView> flat) {
  std::unordered_map<PostId, std::vector<std::size_t>> children;
  std::vector<std::size_t> roots;
  std::unordered_map<PostId, std::size_t> index;
  for (std::size_t i = 0; i < flat.size(); ++i) index.emplace(flat[i].id, i);
  for (std::size_t i = 0; i < flat.size(); ++i) {
    const auto& parent = flat[i].parent_id;
    if (parent && index.contains(*parent)) {
      children[*parent].push_back(i);
    } else {
      roots.push_back(i);  // the opening post (or, defensively, a post whose parent is missing)
    }
  }
  std::vector<PostView> ordered;
  ordered.reserve(flat.size());
  std::vector<std::size_t> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    const std::size_t i = stack.back();
    stack.pop_back();
    if (auto found = children.find(flat[i].id); found != children.end()) {
      stack.insert(stack.end(), found->second.rbegin(), found->second.rend());
    }
    ordered.push_back(std::move(flat[i]));
  }
  return ordered;
}

std::optional<int64_t> parse_number(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

void insert(Connection& c, const Post& p) {
  c.run(std::string("INSERT INTO posts (")
            .append(post_columns)
            .append(") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
        {p.id,
         p.group_id,
         p.thread_id,
         optional_value(p.parent_id),
         int64_t{p.depth},
         optional_value(p.branch_id),
         p.author_account_id,
         p.author_persona_id,
         int64_t{p.anonymous},
         p.anonymous_label,
         p.body,
         p.content_warning,
         p.created_at,
         optional_value(p.edited_at),
         optional_value(p.deleted_at),
         p.idempotency_key,
         p.body_html,
         optional_value(p.held_at),
         p.held_reason,
         int64_t{p.removed_by_moderator},
         p.removal_explanation,
         p.removal_rule ? SqlValue(int64_t{*p.removal_rule}) : SqlValue(nullptr)});
}

std::optional<Post> find(Connection& c, PostId id) {
  return c.first<Post>(std::string("SELECT ").append(post_columns).append(" FROM posts WHERE id = ?"), {id}, to_post);
}

std::optional<Post> find_by_idempotency_key(Connection& c, AccountId author, const std::string& key) {
  return c.first<Post>(std::string("SELECT ")
                           .append(post_columns)
                           .append(" FROM posts WHERE author_account_id = ? AND idempotency_key = ?"),
                       {author, key}, to_post);
}

void update_content(Connection& c, PostId id, const std::string& body, const std::string& body_html,
                    const std::string& content_warning, UnixMillis edited_at) {
  c.run("UPDATE posts SET body = ?, body_html = ?, content_warning = ?, edited_at = ? WHERE id = ?",
        {body, body_html, content_warning, edited_at, id});
}

void mark_removed(Connection& c, PostId id, UnixMillis at) {
  c.run("UPDATE posts SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL", {at, id});
}

void mark_removed_by_moderator(Connection& c, PostId id, UnixMillis at, const std::string& explanation,
                               std::optional<int> rule) {
  c.run(
      "UPDATE posts SET deleted_at = COALESCE(deleted_at, ?), removed_by_moderator = 1, removal_explanation = ?,"
      " removal_rule = ? WHERE id = ?",
      {at, explanation, rule ? SqlValue(int64_t{*rule}) : SqlValue(nullptr), id});
}

// held_reason stays: it records that the post waited, and why (the transparency card
// counts the share of posts that waited).
void release_hold(Connection& c, PostId id) {
  c.run("UPDATE posts SET held_at = NULL WHERE id = ?", {id});
}

int64_t count_published_by(Connection& c, GroupId group_id, AccountId author, int64_t limit) {
  return c
      .first_i64(
          "SELECT COUNT(*) FROM (SELECT 1 FROM posts WHERE author_account_id = ? AND group_id = ?"
          " AND held_at IS NULL AND removed_by_moderator = 0 LIMIT ?) AS published",
          {author, group_id, limit})
      .value_or(0);
}

std::optional<UnixMillis> last_post_at(Connection& c, GroupId group_id, AccountId author) {
  return c.first_i64("SELECT MAX(created_at) FROM posts WHERE author_account_id = ? AND group_id = ?",
                     {author, group_id});
}

void add_revision(Connection& c, const Post& post, const std::string& title, UnixMillis replaced_at) {
  c.run(
      "INSERT INTO post_revisions (id, group_id, post_id, title, body, content_warning, replaced_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?)",
      {random_id(), post.group_id, post.id, title, post.body, post.content_warning, replaced_at});
}

std::vector<Revision> revisions(Connection& c, PostId id) {
  return c.all<Revision>(
      "SELECT r.title, r.body, r.content_warning, r.replaced_at FROM post_revisions r"
      " JOIN posts p ON p.id = r.post_id AND p.deleted_at IS NULL"
      " WHERE r.post_id = ? ORDER BY r.replaced_at DESC, r.id DESC",
      {id}, [](const Row& r) {
        return Revision{r.text(0), r.text(1), r.text(2), r.i64(3)};
      });
}

std::string format_branch_cursor(const BranchCursor& cursor) {
  return fmt::format("{}.{}", cursor.created_at, cursor.id);
}

std::optional<BranchCursor> parse_branch_cursor(std::string_view text) {
  if (text.size() > 40) return std::nullopt;
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto at = parse_number(text.substr(0, dot));
  const auto id = parse_number(text.substr(dot + 1));
  if (!at || !id) return std::nullopt;
  return BranchCursor{*at, *id};
}

ThreadView thread_view(Connection& c, const threads::Thread& thread, std::optional<AccountId> viewer,
                       const std::optional<BranchCursor>& after, int branches, bool moderator_view) {
  branches = std::clamp(branches, 1, max_branches_per_page);
  const BranchCursor from = after.value_or(BranchCursor{-1, -1});
  const SqlValue who = viewer ? SqlValue(*viewer) : SqlValue(nullptr);
  const SqlValue all_held = int64_t{moderator_view};
  const std::vector<SqlValue> page_params{thread.id, from.created_at, from.id, who, all_held, int64_t{branches}};

  // 1. The posts: the opening post, and every post of the page's branches that the viewer
  //    may see. view_select's explanation column takes (viewer, moderator_view) each time.
  std::vector<SqlValue> params{who, all_held, thread.opening_post_id, who, all_held, thread.id};
  params.insert(params.end(), page_params.begin(), page_params.end());
  params.insert(params.end(), {who, all_held});
  std::vector<PostView> flat = c.all<PostView>(std::string(view_select)
                                                   .append(" WHERE p.id = ? UNION ALL ")
                                                   .append(view_select)
                                                   .append(" WHERE p.thread_id = ? AND p.branch_id IN (")
                                                   .append(page_branches)
                                                   .append(")")
                                                   .append(shown_held)
                                                   .append(" ORDER BY 9, 1"),
                                               params, to_view);

  // 2. Reactions on those posts, counted per kind, with the viewer's own.
  std::unordered_map<PostId, std::size_t> index;
  for (std::size_t i = 0; i < flat.size(); ++i) index.emplace(flat[i].id, i);
  std::vector<SqlValue> reaction_params{who, thread.opening_post_id, thread.id};
  reaction_params.insert(reaction_params.end(), page_params.begin(), page_params.end());
  c.execute(
      std::string("SELECT r.post_id, r.kind, COUNT(*), MAX(CASE WHEN r.account_id = ? THEN 1 ELSE 0 END)"
                  " FROM (SELECT id FROM posts WHERE id = ? AND deleted_at IS NULL"
                  "  UNION ALL SELECT id FROM posts WHERE thread_id = ? AND deleted_at IS NULL AND branch_id IN (")
          .append(page_branches)
          .append(")) rp JOIN reactions r ON r.post_id = rp.id GROUP BY r.post_id, r.kind"),
      reaction_params, [&](const Row& r) {
        const auto kind = parse_reaction(r.text(1));
        const auto found = index.find(r.i64(0));
        if (!kind || found == index.end()) return;
        PostView& post = flat[found->second];
        post.reactions[static_cast<std::size_t>(*kind)] = r.i64(2);
        post.viewer_reacted[static_cast<std::size_t>(*kind)] = r.i64(3) != 0;
      });

  // 3. Look ahead: is there a top-level reply after this page's last one?
  ThreadView view;
  std::optional<BranchCursor> last;
  int top_level = 0;
  for (const PostView& post : flat) {
    if (post.depth != 1) continue;
    ++top_level;
    if (!last || std::pair(post.created_at, post.id) > std::pair(last->created_at, last->id)) {
      last = BranchCursor{post.created_at, post.id};
    }
  }
  if (top_level == branches && last &&
      c.first_i64(std::string("SELECT 1 FROM posts p WHERE p.thread_id = ? AND p.depth = 1")
                      .append(" AND (p.created_at, p.id) > (?, ?)")
                      .append(shown_held)
                      .append(" LIMIT 1"),
                  {thread.id, last->created_at, last->id, who, all_held})) {
    view.next = last;
  }
  view.posts = as_tree(std::move(flat));
  return view;
}

HeldShare held_share_since(Connection& c, GroupId group_id, UnixMillis since) {
  HeldShare share;
  c.execute(
      "SELECT COUNT(*), COALESCE(SUM(CASE WHEN held_reason <> '' OR held_at IS NOT NULL THEN 1 ELSE 0 END), 0),"
      " COALESCE(SUM(CASE WHEN held_reason IN ('filter', 'third_party') THEN 1 ELSE 0 END), 0)"
      " FROM posts WHERE group_id = ? AND created_at >= ?",
      {group_id, since}, [&](const Row& r) {
        share.posts = r.i64(0);
        share.held = r.i64(1);
        share.by_filters = r.i64(2);
      });
  return share;
}

}  // namespace hearth::posts
