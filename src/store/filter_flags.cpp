#include "store/filter_flags.hpp"

#include <algorithm>

#include "core/random.hpp"

namespace hearth::filter_flags {

void insert(Connection& c, const NewFlag& f) {
  c.run(
      "INSERT INTO filter_flags (id, group_id, post_id, thread_id, filter, action, detail, words, at_risk, created_at)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {random_id(), f.group_id, f.post_id, f.thread_id, f.filter, f.action, f.detail, f.words, int64_t{f.at_risk},
       f.at});
}

std::vector<Flag> open_for(Connection& c, GroupId group_id, PostId post_id) {
  return c.all<Flag>(
      "SELECT filter, action, detail, words, at_risk, created_at FROM filter_flags"
      " WHERE group_id = ? AND post_id = ? AND resolved_at IS NULL ORDER BY created_at, id",
      {group_id, post_id},
      [](const Row& r) { return Flag{r.text(0), r.text(1), r.text(2), r.text(3), r.i64(4) != 0, r.i64(5)}; });
}

std::vector<OpenPost> open_posts(Connection& c, GroupId group_id, int limit) {
  std::vector<OpenPost> posts = c.all<OpenPost>(
      "SELECT post_id, MIN(thread_id), MAX(at_risk), MIN(created_at) FROM filter_flags"
      " WHERE group_id = ? AND resolved_at IS NULL GROUP BY post_id ORDER BY MAX(at_risk) DESC, MIN(created_at)"
      " LIMIT ?",
      {group_id, int64_t{std::max(limit, 0)}},
      [](const Row& r) { return OpenPost{r.i64(0), r.i64(1), r.i64(2) != 0, r.i64(3)}; });
  return posts;
}

int64_t resolve(Connection& c, GroupId group_id, PostId post_id, UnixMillis at) {
  c.run("UPDATE filter_flags SET resolved_at = ? WHERE group_id = ? AND post_id = ? AND resolved_at IS NULL",
        {at, group_id, post_id});
  return c.changes();
}

std::string_view filter_label(std::string_view filter) {
  if (filter == "crisis") return "Crisis language";
  if (filter == "watched_words") return "Watched word";
  if (filter == "third_party") return "Someone else's details";
  if (filter == "kindness") return "Possibly hurtful words";
  return "Filter";
}

}  // namespace hearth::filter_flags
