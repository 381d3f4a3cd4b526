#include "domain/group.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/text.hpp"
#include "domain/country.hpp"
#include "domain/language.hpp"

namespace hearth {

std::string_view privacy_name(Privacy privacy) {
  switch (privacy) {
    case Privacy::public_group: return "public";
    case Privacy::private_group: return "private";
    case Privacy::hidden_group: return "hidden";
  }
  return "hidden";
}

std::optional<Privacy> parse_privacy(std::string_view name) {
  if (name == "public") return Privacy::public_group;
  if (name == "private") return Privacy::private_group;
  if (name == "hidden") return Privacy::hidden_group;
  return std::nullopt;
}

std::string_view privacy_explained(Privacy privacy) {
  switch (privacy) {
    case Privacy::public_group: return "Anyone can read posts. Only members can post.";
    case Privacy::private_group: return "Only members can read posts. People ask to join and the group's admins decide.";
    case Privacy::hidden_group: return "Only members know this group exists. People join by invitation.";
  }
  return "";
}

std::vector<std::string> split_list(std::string_view text, char separator) {
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    const std::string_view item = trim(text.substr(start, end - start));
    if (!item.empty()) items.emplace_back(item);
    start = end + 1;
  }
  return items;
}

std::string join_list(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += separator;
    out += items[i];
  }
  return out;
}

std::string slug_from_name(std::string_view name) {
  std::string slug;
  for (const char c : name) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) slug += c;
    else if (c >= 'A' && c <= 'Z') slug += static_cast<char>(c - 'A' + 'a');
    else if (!slug.empty() && slug.back() != '-') slug += '-';
    if (slug.size() >= 60) break;
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug;
}

namespace {

Status check_text(std::string_view text, std::string_view field, std::string_view what, std::size_t max,
                  bool required, bool one_line = false) {
  if (required && text.empty()) {
    return make_error(ErrorCode::invalid_input, fmt::format("Please give the group {}.", what), std::string(field));
  }
  if (!is_valid_utf8(text) || has_control_characters(text)) {
    return make_error(ErrorCode::invalid_input, fmt::format("The {} contains characters we can't use.", what),
                      std::string(field));
  }
  if (one_line && text.find_first_of("\n\r\t") != std::string_view::npos) {
    return make_error(ErrorCode::invalid_input, fmt::format("The {} must be one line of text.", what),
                      std::string(field));
  }
  if (utf8_length(text) > max) {
    return make_error(ErrorCode::invalid_input, fmt::format("The {} can have at most {} characters.", what, max),
                      std::string(field));
  }
  return success();
}

Status check_list(std::vector<std::string>& items, std::string_view field, std::string_view what, std::size_t max_items,
                  std::size_t max_length, bool one_line = false) {
  std::vector<std::string> kept;
  for (auto& item : items) {
    std::string text(trim(item));
    if (!text.empty()) kept.push_back(std::move(text));
  }
  items = std::move(kept);
  if (items.size() > max_items) {
    return make_error(ErrorCode::invalid_input, fmt::format("A group can have at most {} {}.", max_items, what),
                      std::string(field));
  }
  for (const auto& item : items) {
    if (auto ok = check_text(item, field, what, max_length, false, one_line); !ok) return ok;
  }
  return success();
}

}  // namespace

Result<GroupDraft> validate_group_draft(GroupDraft d) {
  d.name = std::string(trim(d.name));
  d.description = std::string(trim(d.description));
  d.about = std::string(trim(d.about));
  if (auto ok = check_text(d.name, "name", "name", max_group_name_length, true, true); !ok) return ok.error();
  if (utf8_length(d.name) < 3) return make_error(ErrorCode::invalid_input, "The group's name needs at least 3 characters.", "name");
  const std::string slug = slug_from_name(d.name);
  if (slug.size() - static_cast<std::size_t>(std::count(slug.begin(), slug.end(), '-')) < 3) {
    return make_error(ErrorCode::invalid_input, "The group's name needs at least 3 letters or digits (a–z, 0–9).", "name");
  }
  if (auto ok = check_text(d.description, "description", "short description", max_group_description_length, true, true);
      !ok) {
    return ok.error();
  }
  // "about" is Markdown and may span lines.
  if (!is_valid_utf8(d.about) || utf8_length(d.about) > max_group_about_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("The about text can have at most {} characters.", max_group_about_length), "about");
  }
  if (!parse_privacy(d.privacy)) {
    return make_error(ErrorCode::invalid_input, "Please choose who can see the group: public, private or hidden.", "privacy");
  }
  d.region = std::string(trim(d.region));
  if (!d.region.empty()) {
    const Country* country = find_country(d.region);
    if (!country) return make_error(ErrorCode::invalid_input, "Please choose a country or region from the list.", "region");
    d.region = std::string(country->code);
  }
  if (d.languages.empty()) d.languages = {"en"};
  for (auto& code : d.languages) {
    const Language* language = find_language(trim(code));
    if (!language) return make_error(ErrorCode::invalid_input, "Please choose languages from the list.", "languages");
    code = std::string(language->code);
  }
  std::sort(d.languages.begin(), d.languages.end());
  d.languages.erase(std::unique(d.languages.begin(), d.languages.end()), d.languages.end());
  for (auto& topic : d.topics) topic = to_lower_ascii(trim(topic));
  // The same topic twice ("Sleep", "sleep") is kept once, in the order first given.
  for (std::size_t i = 0; i < d.topics.size(); ++i) {
    const auto later = std::remove(d.topics.begin() + static_cast<std::ptrdiff_t>(i) + 1, d.topics.end(), d.topics[i]);
    d.topics.erase(later, d.topics.end());
  }
  if (auto ok = check_list(d.topics, "topics", "topics", max_topics, max_topic_length, true); !ok) return ok.error();
  for (const auto& topic : d.topics) {
    if (topic.find(',') != std::string::npos) return make_error(ErrorCode::invalid_input, "Topics can't contain commas.", "topics");
  }
  if (auto ok = check_list(d.rules, "rules", "rules", max_rules, max_rule_length); !ok) return ok.error();
  if (auto ok = check_list(d.questions, "questions", "questions", max_questions, max_question_length); !ok) return ok.error();
  if (d.privacy != "public") d.search_indexable = false;  // only public groups can be indexed
  return d;
}

}  // namespace hearth
