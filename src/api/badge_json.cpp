#include "api/badge_json.hpp"

#include "policy/context_notes.hpp"

namespace hearth {

boost::json::value verified_badge_json(const std::optional<Badge>& badge) {
  if (!badge) return nullptr;
  return boost::json::object{{"kind", verification_kind_name(badge->kind)}, {"label", badge_label(*badge)}};
}

void add_author_badge(boost::json::object& author, const AuthorDisplay& display,
                      const std::unordered_map<PersonaId, Badge>& badges) {
  if (!shows_badge_on_post(display.anonymous) || display.persona_id == 0) return;
  const auto found = badges.find(display.persona_id);
  author["verified_badge"] = verified_badge_json(found == badges.end() ? std::nullopt : std::optional<Badge>(found->second));
}

}  // namespace hearth
