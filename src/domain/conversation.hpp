#pragma once
// Threads, posts and reactions: the plain types and the limits a person is told about.
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "domain/membership.hpp"

namespace hearth {

using ThreadId = int64_t;
using PostId = int64_t;

inline constexpr int max_reply_depth = 3;
inline constexpr std::size_t max_title_length = 150;
inline constexpr std::size_t max_body_length = 20'000;
inline constexpr std::size_t max_content_warning_length = 80;

enum class ReactionKind { support, me_too, helped };
std::string_view reaction_name(ReactionKind kind);    // "support", "me_too", "helped"
std::string_view reaction_label(ReactionKind kind);   // "Sending support", "Me too", "This helped"
std::optional<ReactionKind> parse_reaction(std::string_view name);
inline constexpr ReactionKind all_reactions[] = {ReactionKind::support, ReactionKind::me_too, ReactionKind::helped};

struct PostDraft {
  std::string title;            // threads only
  std::string body;             // Markdown
  std::string content_warning;  // optional short label
  bool anonymous = false;
};

// Trims and checks a thread's opening post (`needs_title`) or a reply.
Result<PostDraft> validate_post_draft(PostDraft draft, bool needs_title);

// "A", "B", … "Z", "AA", "AB": the label of the n-th anonymous author in a thread (n ≥ 0).
std::string anonymous_label(int index);

}  // namespace hearth
