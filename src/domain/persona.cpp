#include "domain/persona.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

#include "core/text.hpp"
#include "domain/country.hpp"

namespace hearth {

std::optional<Audience> parse_audience(std::string_view name) {
  if (name == "only_me") return Audience::only_me;
  if (name == "members") return Audience::members;
  if (name == "everyone") return Audience::everyone;
  return std::nullopt;
}

std::string_view audience_name(Audience audience) {
  switch (audience) {
    case Audience::only_me: return "only_me";
    case Audience::members: return "members";
    case Audience::everyone: return "everyone";
  }
  return "only_me";
}

std::string_view audience_label(Audience audience) {
  switch (audience) {
    case Audience::only_me: return "Only me";
    case Audience::members: return "This group's members";
    case Audience::everyone: return "Everyone who can see the group";
  }
  return "Only me";
}

std::optional<std::string_view> connection_label(std::string_view code) {
  if (code == "living_with") return "Living with it";
  if (code == "caring_for") return "Caring for someone";
  if (code == "parent") return "Parent";
  if (code == "professional") return "Professional";
  if (code == "other") return "Other";
  return std::nullopt;
}

bool is_connection_code(std::string_view code) { return code.empty() || connection_label(code).has_value(); }

bool is_age_range(std::string_view text) {
  static constexpr std::array<std::string_view, 8> ranges = {"", "under 18", "18-24", "25-34",
                                                              "35-44", "45-54", "55-64", "65+"};
  for (const auto range : ranges) {
    if (range == text) return true;
  }
  return false;
}

namespace {

// U+00A0, U+00AD, U+1680, U+2000–U+200F, U+2028–U+202F, U+205F–U+2064, U+3000, U+FEFF.
bool has_unusual_space(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    uint32_t cp = s[i];
    int length = 1;
    if (cp >= 0xF0) { cp &= 0x07; length = 4; }
    else if (cp >= 0xE0) { cp &= 0x0F; length = 3; }
    else if (cp >= 0xC0) { cp &= 0x1F; length = 2; }
    for (int k = 1; k < length && i + k < text.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    i += length;
    if (cp == 0xA0 || cp == 0xAD || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
        (cp >= 0x205F && cp <= 0x2064) || cp == 0x3000 || cp == 0xFEFF) {
      return true;
    }
  }
  return false;
}

}  // namespace

Status validate_persona_name(std::string_view name) {
  const std::string_view trimmed = trim(name);
  if (!is_valid_utf8(trimmed) || has_control_characters(trimmed)) {
    return make_error(ErrorCode::invalid_input, "Your pseudonym contains characters we can't use.", "persona_name");
  }
  const std::size_t length = utf8_length(trimmed);
  if (length < min_persona_name_length || length > max_persona_name_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your pseudonym needs {} to {} characters.", min_persona_name_length,
                                  max_persona_name_length),
                      "persona_name");
  }
  if (trimmed.find_first_of("<>@\n\r\t") != std::string_view::npos) {
    return make_error(ErrorCode::invalid_input, "Your pseudonym can't contain < > @ or line breaks.", "persona_name");
  }
  // Invisible and look-alike spaces would let two personas show identical names, or hide a
  // reserved one ("Anonymous\u200bB"): refuse them.
  if (has_unusual_space(trimmed)) {
    return make_error(ErrorCode::invalid_input, "Your pseudonym can only use ordinary spaces between words.",
                      "persona_name");
  }
  const std::string key = persona_key(trimmed);
  if (key.rfind("anonymous", 0) == 0 || key == "former member" || key.rfind("hearth", 0) == 0) {
    return make_error(ErrorCode::invalid_input, "That pseudonym is reserved. Please choose another.", "persona_name");
  }
  return success();
}

Status validate_persona_profile(const Persona& p) {
  if (!is_valid_utf8(p.about.value) || utf8_length(p.about.value) > max_persona_about_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("\"About me\" can have at most {} characters.", max_persona_about_length), "about");
  }
  if (!is_connection_code(p.connection.value)) {
    return make_error(ErrorCode::invalid_input, "Please choose your connection from the list.", "connection");
  }
  if (!p.region.value.empty() && !find_country(p.region.value)) {
    return make_error(ErrorCode::invalid_input, "Please choose a country or region from the list.", "region");
  }
  if (!is_age_range(p.age_range.value)) {
    return make_error(ErrorCode::invalid_input, "Please choose an age range from the list.", "age_range");
  }
  if (!is_valid_utf8(p.pronouns.value) || has_control_characters(p.pronouns.value) ||
      utf8_length(p.pronouns.value) > max_pronouns_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Pronouns can have at most {} characters.", max_pronouns_length), "pronouns");
  }
  return success();
}

std::string random_pseudonym() {
  static constexpr std::array<std::string_view, 32> adjectives = {
      "Quiet", "Gentle", "Steady", "Bright", "Patient", "Kind", "Calm", "Hopeful",
      "Brave", "Warm", "Curious", "Tender", "Early", "Hardy", "Soft", "Bold",
      "Clear", "Easy", "Golden", "Honest", "Light", "Mellow", "Open", "Plain",
      "Rested", "Silver", "Still", "Sunny", "True", "Wise", "Willing", "Cheerful"};
  static constexpr std::array<std::string_view, 32> nouns = {
      "Heron", "Fern", "River", "Willow", "Sparrow", "Harbour", "Meadow", "Otter",
      "Pebble", "Lantern", "Maple", "Robin", "Tide", "Cedar", "Finch", "Clover",
      "Hazel", "Kestrel", "Moss", "Orchard", "Poppy", "Rowan", "Thistle", "Wren",
      "Birch", "Brook", "Comet", "Dune", "Ember", "Juniper", "Lark", "Aspen"};
  const auto pick = [](std::size_t size) { return randombytes_uniform(static_cast<uint32_t>(size)); };
  return fmt::format("{} {} {}", adjectives[pick(adjectives.size())], nouns[pick(nouns.size())], 10 + pick(90));
}

std::string persona_key(std::string_view name) {
  std::string key;
  for (const char c : trim(name)) {
    if (c == ' ') {
      if (!key.empty() && key.back() != ' ') key += ' ';
    } else {
      key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
  }
  return key;
}

}  // namespace hearth
