#pragma once
// Countries and territories (ISO 3166-1 alpha-2) for a member's region and for the
// support-services directory. The list is fixed data compiled into the binary: it changes
// only when ISO does, and pages must be able to show it without touching the database.
#include <span>
#include <string_view>

namespace hearth {

struct Country {
  std::string_view code;  // ISO 3166-1 alpha-2, upper case, e.g. "GB"
  std::string_view name;  // English short name for display, e.g. "United Kingdom"
  // What to dial in an emergency, as a person would read it ("000", "112 or 999",
  // "110 (police), 119 (ambulance and fire)"). Empty where we have not verified it:
  // showing no number is safer than showing a wrong one to someone in crisis.
  std::string_view emergency_number;
};

// Every assigned code (249 entries), sorted by name for display; accented letters sort
// with their base letter, so "Åland Islands" comes right after "Afghanistan".
std::span<const Country> all_countries();

// Looks up a code case-insensitively ("gb" finds GB). Unknown or malformed codes give
// nullptr: a region comes from user input and an unknown one is not an error worth more.
const Country* find_country(std::string_view code);

}  // namespace hearth
