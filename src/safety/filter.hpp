#pragma once
// The one interface every content filter implements, and what filters report. The filters
// run as a chain (filter_chain.hpp) on every title, post, reply and message before it is
// written; each returns findings, and the strongest action decides what happens.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/group.hpp"
#include "safety/normalize.hpp"

namespace hearth::safety {

enum class ContentKind { title, post, reply, message };

// What a finding asks for, weakest first: the strongest one in a verdict is its decision.
enum class FilterAction {
  allow,       // nothing to do
  flag,        // publish; an item goes to the moderators' queue
  crisis,      // publish (silencing people in crisis harms them); the author sees the crisis
               // lines of their region; a high-priority item goes to the moderators' queue
  censor,      // publish with the matched words masked (Verdict::censored_text)
  hold,        // keep back until a moderator approves it
  reconsider,  // ask the author first: edit, cancel or post anyway (third-party details,
               // hurtful language); does not decide once the author chose to post anyway
  block,       // not published; the author is told why
};
std::string_view filter_action_name(FilterAction action);  // "allow", "flag", …, "block"

struct FilterInput {
  std::string_view text;
  ContentKind kind = ContentKind::post;
  std::optional<GroupId> group_id;  // none for a message outside any group
  // The author's persona names, and other pseudonyms in the conversation: they are never
  // mistaken for someone else's full name.
  std::vector<std::string> author_names;
  std::vector<std::string> known_names;
  std::string group_region;         // ISO 3166-1 alpha-2, or empty
  std::string author_region;        // ISO 3166-1 alpha-2, or empty
  bool strict_third_party = false;  // the group holds posts with someone else's details
  bool author_confirmed = false;    // the author saw the prompt and chose to post anyway
};

struct Finding {
  std::string filter;  // "watched_words", "crisis", "third_party", "kindness"
  FilterAction action = FilterAction::allow;
  std::vector<Span> spans;  // byte ranges of FilterInput::text, in order
  std::string message;      // for the author, plain and warm; empty when they are told nothing
  std::string detail;       // for moderators: which list entry or kind of detail matched
  int64_t entry_id = 0;     // the watched word that matched, if any
};

class Filter {
 public:
  virtual ~Filter() = default;
  virtual std::string_view name() const = 0;
  // Adds this filter's findings for `input`, whose normalised text is `text`.
  virtual void check(const FilterInput& input, const NormalizedText& text, std::vector<Finding>& findings) const = 0;
};

}  // namespace hearth::safety
