#pragma once
// Languages a member can say they prefer, so groups, meetups and peer supporters can be
// matched by language. Fixed data compiled into the binary, like the country list.
#include <span>
#include <string_view>

namespace hearth {

struct Language {
  std::string_view code;          // BCP 47 primary language subtag, lower case: "en", "mi", "asf"
  std::string_view native_name;   // as speakers write it: "Te reo Māori", "Українська"
  std::string_view english_name;  // "Māori", "Ukrainian"
};

// Every language we offer, sorted by English name (accented letters sort with their base
// letter). Includes the national sign languages of the regions we serve, because Deaf
// members need to find each other too.
std::span<const Language> all_languages();

// Looks up a code case-insensitively ("EN" finds en). Only whole codes match: "en-AU" is
// not in the list, and choosing the best language for a request is the caller's job.
// Unknown codes give nullptr.
const Language* find_language(std::string_view code);

}  // namespace hearth
