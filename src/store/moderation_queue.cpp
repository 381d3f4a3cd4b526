#include "store/moderation_queue.hpp"

namespace hearth::moderation_queue {
namespace {

constexpr std::string_view card_select =
    "SELECT p.id, p.thread_id, t.title, CASE WHEN t.opening_post_id = p.id THEN 1 ELSE 0 END, t.locked,"
    " p.anonymous, p.anonymous_label, per.id, per.name, m.role, m.trained_volunteer,"
    " CASE WHEN p.deleted_at IS NULL THEN p.body_html ELSE '' END,"
    " CASE WHEN p.deleted_at IS NULL THEN p.content_warning ELSE '' END, p.created_at,"
    " CASE WHEN p.deleted_at IS NULL THEN 0 ELSE 1 END, p.removed_by_moderator,"
    " CASE WHEN p.held_at IS NULL THEN 0 ELSE 1 END, p.held_reason"
    " FROM posts p JOIN threads t ON t.id = p.thread_id"
    " LEFT JOIN personas per ON per.id = p.author_persona_id AND p.anonymous = 0 AND p.deleted_at IS NULL"
    " LEFT JOIN memberships m ON m.group_id = p.group_id AND m.account_id = p.author_account_id"
    "  AND m.status = 'active' AND p.anonymous = 0 AND p.deleted_at IS NULL";

PostCard to_card(const Row& r) {
  PostCard card;
  card.id = r.i64(0);
  card.thread_id = r.i64(1);
  card.thread_title = r.text(2);
  card.opening = r.i64(3) != 0;
  card.thread_locked = r.i64(4) != 0;
  card.removed = r.i64(14) != 0;
  if (!card.removed) {
    card.author.anonymous = r.i64(5) != 0;
    if (card.author.anonymous) {
      card.author.anonymous_label = r.text(6);
    } else if (!r.is_null(7)) {
      card.author.persona_id = r.i64(7);
      card.author.persona_name = r.text(8);
      if (!r.is_null(9)) {
        card.author.role = parse_role(r.text(9));
        card.author.trained_volunteer = r.i64(10) != 0;
      }
    }
  }
  card.body_html = r.text(11);
  card.content_warning = r.text(12);
  card.created_at = r.i64(13);
  card.removed_by_moderator = card.removed && r.i64(15) != 0;
  card.held = r.i64(16) != 0;
  card.held_reason = r.text(17);
  return card;
}

}  // namespace

std::optional<PostCard> post_card(Connection& c, GroupId group_id, PostId id) {
  return c.first<PostCard>(std::string(card_select).append(" WHERE p.id = ? AND p.group_id = ?"), {id, group_id},
                           to_card);
}

std::vector<PostCard> held_posts(Connection& c, GroupId group_id, int limit) {
  return c.all<PostCard>(std::string(card_select)
                             .append(" WHERE p.group_id = ? AND p.held_at IS NOT NULL AND p.deleted_at IS NULL"
                                     " ORDER BY p.held_at, p.id LIMIT ?"),
                         {group_id, int64_t{limit}}, to_card);
}

std::optional<PersonaCard> persona_card(Connection& c, GroupId group_id, PersonaId id) {
  return c.first<PersonaCard>(
      "SELECT p.id, p.name, m.role FROM memberships m JOIN personas p ON p.id = m.persona_id"
      " WHERE m.group_id = ? AND m.persona_id = ? AND m.status IN ('active', 'banned')",
      {group_id, id}, [](const Row& r) {
        return PersonaCard{r.i64(0), r.text(1), parse_role(r.text(2)).value_or(Role::member)};
      });
}

}  // namespace hearth::moderation_queue
