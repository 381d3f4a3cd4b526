#include "store/groups.hpp"

#include "core/random.hpp"
#include "core/text.hpp"

namespace hearth::groups {
namespace {

constexpr std::string_view group_columns =
    "g.id, g.slug, g.name, g.description, g.about, g.privacy, g.region, g.languages, g.topics,"
    " g.anonymous_posting, g.search_indexable, g.created_at, g.last_activity_at";

Group to_group(const Row& r) {
  Group g;
  g.id = r.i64(0);
  g.slug = r.text(1);
  g.name = r.text(2);
  g.description = r.text(3);
  g.about = r.text(4);
  g.privacy = parse_privacy(r.text(5)).value_or(Privacy::hidden_group);
  g.region = r.text(6);
  g.languages = split_list(r.text(7));
  g.topics = split_list(r.text(8));
  g.anonymous_posting = r.i64(9) != 0;
  g.search_indexable = r.i64(10) != 0;
  g.created_at = r.i64(11);
  g.last_activity_at = r.i64(12);
  return g;
}

std::string select_groups(std::string_view where) {
  return std::string("SELECT ").append(group_columns).append(" FROM support_groups g WHERE ").append(where);
}

void replace_list(Connection& c, std::string_view table, GroupId id, const std::vector<std::string>& items) {
  c.run(std::string("DELETE FROM ").append(table).append(" WHERE group_id = ?"), {id});
  const std::string insert = std::string("INSERT INTO ").append(table).append(" (group_id, position, text) VALUES (?, ?, ?)");
  for (std::size_t i = 0; i < items.size(); ++i) c.run(insert, {id, static_cast<int64_t>(i + 1), items[i]});
}

std::vector<std::string> list(Connection& c, std::string_view table, GroupId id) {
  return c.all<std::string>(std::string("SELECT text FROM ").append(table).append(" WHERE group_id = ? ORDER BY position"),
                            {id}, [](const Row& r) { return r.text(0); });
}

}  // namespace

void insert(Connection& c, const Group& g) {
  c.run(
      "INSERT INTO support_groups (id, slug, name, description, about, privacy, region, languages, topics,"
      " anonymous_posting, search_indexable, created_at, last_activity_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {g.id, g.slug, g.name, g.description, g.about, std::string(privacy_name(g.privacy)), g.region,
       join_list(g.languages), join_list(g.topics), int64_t{g.anonymous_posting}, int64_t{g.search_indexable},
       g.created_at, g.last_activity_at});
}

void update(Connection& c, const Group& g) {
  c.run(
      "UPDATE support_groups SET name = ?, description = ?, about = ?, privacy = ?, region = ?, languages = ?,"
      " topics = ?, anonymous_posting = ?, search_indexable = ? WHERE id = ?",
      {g.name, g.description, g.about, std::string(privacy_name(g.privacy)), g.region, join_list(g.languages),
       join_list(g.topics), int64_t{g.anonymous_posting}, int64_t{g.search_indexable}, g.id});
}

std::optional<Group> find_by_slug(Connection& c, std::string_view slug) {
  return c.first<Group>(select_groups("g.slug = ?"), {to_lower_ascii(slug)}, to_group);
}

std::optional<Group> find(Connection& c, GroupId id) { return c.first<Group>(select_groups("g.id = ?"), {id}, to_group); }

bool slug_taken(Connection& c, std::string_view slug) {
  return c.first_i64("SELECT 1 FROM support_groups WHERE slug = ?", {std::string(slug)}).has_value();
}

void touch_activity(Connection& c, GroupId id, UnixMillis at) {
  c.run("UPDATE support_groups SET last_activity_at = ? WHERE id = ? AND last_activity_at < ?", {at, id, at});
}

std::vector<std::string> rules(Connection& c, GroupId id) { return list(c, "group_rules", id); }
std::vector<std::string> questions(Connection& c, GroupId id) { return list(c, "group_questions", id); }
void replace_rules(Connection& c, GroupId id, const std::vector<std::string>& items) { replace_list(c, "group_rules", id, items); }
void replace_questions(Connection& c, GroupId id, const std::vector<std::string>& items) {
  replace_list(c, "group_questions", id, items);
}

std::vector<GroupService> services(Connection& c, GroupId id) {
  return c.all<GroupService>("SELECT id, name, phone, website, description FROM group_services WHERE group_id = ? ORDER BY name",
                             {id}, [](const Row& r) { return GroupService{r.i64(0), r.text(1), r.text(2), r.text(3), r.text(4)}; });
}

void add_service(Connection& c, GroupId id, const GroupService& s) {
  c.run("INSERT INTO group_services (id, group_id, name, phone, website, description) VALUES (?, ?, ?, ?, ?, ?)",
        {s.id ? s.id : random_id(), id, s.name, s.phone, s.website, s.description});
}

bool remove_service(Connection& c, GroupId id, int64_t service_id) {
  c.run("DELETE FROM group_services WHERE id = ? AND group_id = ?", {service_id, id});
  return c.changes() == 1;
}

namespace {

// A LIKE pattern (used with ESCAPE '\') matching text that contains `part` literally: a
// visitor's "100%" or "self_care" must not act as wildcards.
std::string like_containing(std::string_view before, std::string_view part, std::string_view after) {
  std::string pattern = "%";
  pattern.append(before);
  for (const char ch : part) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern.push_back('\\');
    pattern.push_back(ch);
  }
  pattern.append(after);
  return pattern.append("%");
}

}  // namespace

std::vector<DirectoryEntry> directory(Connection& c, const DirectoryFilter& f) {
  std::string sql = std::string("SELECT ").append(group_columns).append(
      ", (SELECT COUNT(*) FROM memberships m WHERE m.group_id = g.id AND m.status = 'active')"
      " FROM support_groups g WHERE g.privacy <> 'hidden'");
  std::vector<SqlValue> params;
  if (!f.query.empty()) {
    const std::string pattern = like_containing("", to_lower_ascii(f.query), "");
    sql += " AND (LOWER(g.name) LIKE ? ESCAPE '\\' OR LOWER(g.description) LIKE ? ESCAPE '\\'"
           " OR g.topics LIKE ? ESCAPE '\\')";
    params.insert(params.end(), {pattern, pattern, pattern});
  }
  if (!f.topic.empty()) {
    sql += " AND (',' || g.topics || ',') LIKE ? ESCAPE '\\'";
    params.emplace_back(like_containing(",", to_lower_ascii(f.topic), ","));
  }
  if (!f.region.empty()) {
    sql += " AND g.region = ?";
    params.emplace_back(f.region);
  }
  if (!f.language.empty()) {
    sql += " AND (',' || g.languages || ',') LIKE ? ESCAPE '\\'";
    params.emplace_back(like_containing(",", f.language, ","));
  }
  sql += " ORDER BY g.last_activity_at DESC, g.id DESC LIMIT ?";
  params.emplace_back(int64_t{f.limit});
  return c.all<DirectoryEntry>(sql, params, [](const Row& r) { return DirectoryEntry{to_group(r), r.i64(13)}; });
}

}  // namespace hearth::groups
