#pragma once
// A persona: the pseudonym a member shows in a group, with a profile whose every field has
// its own audience. By default each group gets a fresh persona, so a member's groups can't
// be linked; the default audience of every field is "only me".
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/membership.hpp"

namespace hearth {

enum class Audience { only_me = 0, members = 1, everyone = 2 };
std::optional<Audience> parse_audience(std::string_view name);  // "only_me", "members", "everyone"
std::string_view audience_name(Audience audience);
std::string_view audience_label(Audience audience);  // "Only me", "This group's members", …

// The member's connection to the group's topic.
std::optional<std::string_view> connection_label(std::string_view code);  // "" → nullopt
bool is_connection_code(std::string_view code);  // living_with, caring_for, parent, professional, other, ""
bool is_age_range(std::string_view text);        // "under 18", "18-24", … "65+", ""

template <class T>
struct Disclosed {
  T value{};
  Audience audience = Audience::only_me;
};

struct Persona {
  PersonaId id = 0;
  AccountId account_id = 0;
  std::string name;
  Disclosed<std::string> about;
  Disclosed<std::string> connection;
  Disclosed<std::string> region;
  Disclosed<std::string> age_range;
  Disclosed<std::string> pronouns;
  UnixMillis created_at = 0;
};

inline constexpr std::size_t min_persona_name_length = 3;
inline constexpr std::size_t max_persona_name_length = 40;
inline constexpr std::size_t max_persona_about_length = 1000;
inline constexpr std::size_t max_pronouns_length = 30;

Status validate_persona_name(std::string_view name);
// Checks every profile field (the name separately); the error names the field.
Status validate_persona_profile(const Persona& persona);

// A friendly random pseudonym such as "Quiet Heron" or "Gentle Fern 27".
std::string random_pseudonym();
// Lower-cased, spaces collapsed: two personas in a group can't share this key.
std::string persona_key(std::string_view name);

}  // namespace hearth
