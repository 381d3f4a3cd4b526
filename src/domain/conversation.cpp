#include "domain/conversation.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace hearth {

std::string_view reaction_name(ReactionKind kind) {
  switch (kind) {
    case ReactionKind::support: return "support";
    case ReactionKind::me_too: return "me_too";
    case ReactionKind::helped: return "helped";
  }
  return "support";
}

std::string_view reaction_label(ReactionKind kind) {
  switch (kind) {
    case ReactionKind::support: return "Sending support";
    case ReactionKind::me_too: return "Me too";
    case ReactionKind::helped: return "This helped";
  }
  return "";
}

std::optional<ReactionKind> parse_reaction(std::string_view name) {
  for (const ReactionKind kind : all_reactions) {
    if (reaction_name(kind) == name) return kind;
  }
  return std::nullopt;
}

Result<PostDraft> validate_post_draft(PostDraft d, bool needs_title) {
  d.title = std::string(trim(d.title));
  d.body = std::string(trim(d.body));
  d.content_warning = std::string(trim(d.content_warning));
  if (!is_valid_utf8(d.title) || !is_valid_utf8(d.body) || !is_valid_utf8(d.content_warning)) {
    return make_error(ErrorCode::invalid_input, "Your post contains characters we can't read.", "body");
  }
  if (needs_title) {
    if (d.title.empty()) return make_error(ErrorCode::invalid_input, "Please give your post a title.", "title");
    if (has_control_characters(d.title) || d.title.find_first_of("\n\r\t") != std::string::npos) {
      return make_error(ErrorCode::invalid_input, "The title must be one line of text.", "title");
    }
    if (utf8_length(d.title) > max_title_length) {
      return make_error(ErrorCode::invalid_input,
                        fmt::format("The title can have at most {} characters.", max_title_length), "title");
    }
  } else {
    d.title.clear();
  }
  if (d.body.empty()) return make_error(ErrorCode::invalid_input, "Please write something before posting.", "body");
  if (has_control_characters(d.body)) {
    return make_error(ErrorCode::invalid_input, "Your post contains characters we can't use.", "body");
  }
  if (utf8_length(d.body) > max_body_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Your post can have at most {} characters. You could split it into two.",
                                  max_body_length),
                      "body");
  }
  if (has_control_characters(d.content_warning) || d.content_warning.find_first_of("\n\r\t") != std::string::npos ||
      utf8_length(d.content_warning) > max_content_warning_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("The content warning must be one line of at most {} characters.",
                                  max_content_warning_length),
                      "content_warning");
  }
  return d;
}

std::string anonymous_label(int index) {
  std::string label;
  int n = index;
  do {
    label.insert(label.begin(), static_cast<char>('A' + n % 26));
    n = n / 26 - 1;
  } while (n >= 0);
  return label;
}

}  // namespace hearth
