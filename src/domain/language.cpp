#include "domain/language.hpp"

#include <array>
#include <cstddef>

namespace hearth {
namespace {

// Sorted by English name. Native names follow CLDR, capitalised as a list entry.
// Sign-language codes are ISO 639-3 (BCP 47 uses them directly as primary subtags).
constexpr std::array languages = {
    Language{"af", "Afrikaans", "Afrikaans"},
    Language{"sq", "Shqip", "Albanian"},
    Language{"ase", "American Sign Language", "American Sign Language"},
    Language{"am", "አማርኛ", "Amharic"},
    Language{"ar", "العربية", "Arabic"},
    Language{"asf", "Auslan", "Auslan (Australian Sign Language)"},
    Language{"bn", "বাংলা", "Bengali"},
    Language{"bfi", "British Sign Language", "British Sign Language"},
    Language{"bg", "Български", "Bulgarian"},
    Language{"yue", "粵語", "Cantonese"},
    Language{"ca", "Català", "Catalan"},
    Language{"zh", "中文", "Chinese"},
    Language{"hr", "Hrvatski", "Croatian"},
    Language{"cs", "Čeština", "Czech"},
    Language{"da", "Dansk", "Danish"},
    Language{"nl", "Nederlands", "Dutch"},
    Language{"en", "English", "English"},
    Language{"et", "Eesti", "Estonian"},
    Language{"fi", "Suomi", "Finnish"},
    Language{"fr", "Français", "French"},
    Language{"de", "Deutsch", "German"},
    Language{"el", "Ελληνικά", "Greek"},
    Language{"gu", "ગુજરાતી", "Gujarati"},
    Language{"he", "עברית", "Hebrew"},
    Language{"hi", "हिन्दी", "Hindi"},
    Language{"hu", "Magyar", "Hungarian"},
    Language{"is", "Íslenska", "Icelandic"},
    Language{"id", "Bahasa Indonesia", "Indonesian"},
    Language{"ga", "Gaeilge", "Irish"},
    Language{"isg", "Irish Sign Language", "Irish Sign Language"},
    Language{"it", "Italiano", "Italian"},
    Language{"ja", "日本語", "Japanese"},
    Language{"ko", "한국어", "Korean"},
    Language{"lv", "Latviešu", "Latvian"},
    Language{"lt", "Lietuvių", "Lithuanian"},
    Language{"ms", "Bahasa Melayu", "Malay"},
    Language{"mi", "Te reo Māori", "Māori"},
    Language{"ne", "नेपाली", "Nepali"},
    Language{"nzs", "New Zealand Sign Language", "New Zealand Sign Language"},
    Language{"nb", "Norsk bokmål", "Norwegian Bokmål"},
    Language{"fa", "فارسی", "Persian"},
    Language{"pl", "Polski", "Polish"},
    Language{"pt", "Português", "Portuguese"},
    Language{"pa", "ਪੰਜਾਬੀ", "Punjabi"},
    Language{"fcs", "Langue des signes québécoise", "Quebec Sign Language"},
    Language{"ro", "Română", "Romanian"},
    Language{"ru", "Русский", "Russian"},
    Language{"sm", "Gagana Sāmoa", "Samoan"},
    Language{"gd", "Gàidhlig", "Scottish Gaelic"},
    Language{"sr", "Српски", "Serbian"},
    Language{"si", "සිංහල", "Sinhala"},
    Language{"sk", "Slovenčina", "Slovak"},
    Language{"sl", "Slovenščina", "Slovenian"},
    Language{"so", "Soomaali", "Somali"},
    Language{"es", "Español", "Spanish"},
    Language{"sw", "Kiswahili", "Swahili"},
    Language{"sv", "Svenska", "Swedish"},
    Language{"tl", "Tagalog", "Tagalog"},
    Language{"ta", "தமிழ்", "Tamil"},
    Language{"th", "ไทย", "Thai"},
    Language{"to", "Lea faka-Tonga", "Tongan"},
    Language{"tr", "Türkçe", "Turkish"},
    Language{"uk", "Українська", "Ukrainian"},
    Language{"ur", "اردو", "Urdu"},
    Language{"vi", "Tiếng Việt", "Vietnamese"},
    Language{"cy", "Cymraeg", "Welsh"},
    Language{"zu", "isiZulu", "Zulu"},
};

constexpr char to_lower_ascii(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }

bool equals_ignoring_case(std::string_view stored_lower, std::string_view given) {
  if (stored_lower.size() != given.size()) return false;
  for (std::size_t i = 0; i < given.size(); ++i) {
    if (stored_lower[i] != to_lower_ascii(given[i])) return false;
  }
  return true;
}

}  // namespace

std::span<const Language> all_languages() { return languages; }

const Language* find_language(std::string_view code) {
  // Primary subtags are 2 or 3 letters; anything longer cannot match, so skip the scan.
  if (code.size() < 2 || code.size() > 3) return nullptr;
  for (const Language& language : languages) {
    if (equals_ignoring_case(language.code, code)) return &language;
  }
  return nullptr;
}

}  // namespace hearth
