#pragma once
// A verified badge in JSON: {"kind": "health_professional", "label": "Verified nurse"}, or
// null. Only the badge's words: no verification id, jurisdiction or date (see
// store/verifications.hpp). Never for an anonymous author (policy shows_badge_on_post).
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <unordered_map>

#include "domain/verification.hpp"
#include "store/threads.hpp"

namespace hearth {

boost::json::value verified_badge_json(const std::optional<Badge>& badge);
// Adds "verified_badge" to a post's author object (not for anonymous authors, whose shape
// stays exactly as it was).
void add_author_badge(boost::json::object& author, const AuthorDisplay& display,
                      const std::unordered_map<PersonaId, Badge>& badges);

}  // namespace hearth
