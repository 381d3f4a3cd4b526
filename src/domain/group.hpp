#pragma once
// A support group and the rules for what a group may contain.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace hearth {

using GroupId = int64_t;

enum class Privacy { public_group, private_group, hidden_group };
std::string_view privacy_name(Privacy privacy);              // "public", "private", "hidden"
std::optional<Privacy> parse_privacy(std::string_view name);
// What the privacy level means, in plain words for the transparency card.
std::string_view privacy_explained(Privacy privacy);

struct Group {
  GroupId id = 0;
  std::string slug;
  std::string name;
  std::string description;
  std::string about;
  Privacy privacy = Privacy::public_group;
  std::string region;
  std::vector<std::string> languages;
  std::vector<std::string> topics;
  bool anonymous_posting = false;
  bool search_indexable = false;
  UnixMillis created_at = 0;
  UnixMillis last_activity_at = 0;
};

struct GroupService {
  int64_t id = 0;
  std::string name;
  std::string phone;
  std::string website;
  std::string description;
};

inline constexpr std::size_t max_group_name_length = 80;
inline constexpr std::size_t max_group_description_length = 200;
inline constexpr std::size_t max_group_about_length = 10'000;
inline constexpr std::size_t max_topics = 8;
inline constexpr std::size_t max_topic_length = 30;
inline constexpr std::size_t max_rules = 20;
inline constexpr std::size_t max_rule_length = 500;
inline constexpr std::size_t max_questions = 5;
inline constexpr std::size_t max_question_length = 300;
inline constexpr std::size_t max_answer_length = 2000;

// The editable description of a group, as a form or the API submits it.
struct GroupDraft {
  std::string name;
  std::string description;
  std::string about;
  std::string privacy;  // "public", "private", "hidden"
  std::string region;
  std::vector<std::string> languages;
  std::vector<std::string> topics;
  std::vector<std::string> rules;
  std::vector<std::string> questions;
  bool anonymous_posting = false;
  bool search_indexable = false;
};

// Checks a draft and normalises it (trimmed text, lower-case topics, upper-case region,
// empty entries dropped); the error names the field at fault.
Result<GroupDraft> validate_group_draft(GroupDraft draft);

// "Carers of people with dementia" → "carers-of-people-with-dementia" (ASCII letters and
// digits; other characters become single dashes; at most 60 characters).
std::string slug_from_name(std::string_view name);

// Splits "a, b ,c" into {"a","b","c"}, dropping empty entries.
std::vector<std::string> split_list(std::string_view text, char separator = ',');
std::string join_list(const std::vector<std::string>& items, std::string_view separator = ",");

}  // namespace hearth
