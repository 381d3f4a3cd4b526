#pragma once
// The safety filters in front of every title, post and reply (docs/filters.md). Posting
// actions screen a draft in a read transaction before their write transaction (a changed
// word list compiles on its first check, which must not hold the writer), then act on the
// verdict inside the write:
//
//   block       → an error for the field ("body" or "title") with the list's message
//   reconsider  → unless the author chose "post anyway", an error that needs_confirmation()
//                 recognises (third-party guard, kindness nudge); the prompt says what to mark
//   hold        → the post waits for a moderator (held_reason "filter", or "third_party" in a
//                 group that is strict about other people's details)
//   censor      → the masked text is stored
//   flag        → published, with an open flag in the moderators' queue
//   crisis      → published; the caller shows the crisis lines of `crisis_regions`; a flag
//                 marked "someone may be at risk" goes to the top of the queue
//
// Flags name no author (store/filter_flags.hpp). The kindness nudge's outcomes are counted
// per group and day, nothing else (store/kindness_outcomes.hpp).
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/environment.hpp"
#include "actions/group_lookup.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "domain/moderation.hpp"
#include "safety/filter_chain.hpp"
#include "safety/mute_matcher.hpp"
#include "store/filter_flags.hpp"
#include "store/kindness_outcomes.hpp"
#include "store/posts.hpp"

namespace hearth {

// What the author chose after the filters asked (or nothing, the first time).
struct FilterChoice {
  bool post_anyway = false;  // saw the third-party guard or the kindness nudge, and posts it as it is
  bool after_nudge = false;  // the text was edited after the kindness nudge
};

// What to show the author when a filter stops a post (block) or asks first (reconsider).
struct FilterPrompt {
  std::string title;                      // the title and body as checked (trimmed)
  std::string body;
  std::vector<safety::Span> title_spans;  // byte ranges of `title` …
  std::vector<safety::Span> body_spans;   // … and of `body` to mark
  std::vector<std::string> messages;      // for the author, in order
  bool kindness = false;                  // the kindness nudge asked
  bool third_party = false;               // the third-party guard asked
};

// What the filters did to a post, for the page or the API to tell the author.
struct FilterOutcome {
  std::optional<FilterPrompt> prompt;  // with a block or needs-confirmation error
  bool held = false;                   // a filter holds it for a moderator
  std::vector<std::string> held_messages;
  bool censored = false;
  bool crisis = false;                  // show the crisis lines of …
  std::vector<std::string> crisis_regions;  // … these regions (the author's, then the group's)
};

// The error a post gets when a filter asks the author first: code conflict, field "confirm"
// (the form field that answers it). Pages and the API show the prompt and offer to post anyway.
bool needs_confirmation(const Error& error);

// What the filters decided for a draft that may be written.
struct FilterPlan {
  HoldReason hold = HoldReason::none;
  std::optional<std::string> title;  // censored versions to store instead
  std::optional<std::string> body;
  std::vector<filter_flags::NewFlag> flags;  // post, thread and time filled in by record_filter_plan
  std::optional<kindness_outcomes::Outcome> kindness;  // edited or posted anyway
  FilterOutcome outcome;
};

// Where a draft goes, as the screening read transaction found it.
struct FilterTarget {
  GroupInView group;
  std::optional<ThreadId> thread;  // none for a new conversation
  bool reply = false;              // a reply (the kindness nudge looks at replies only)
  bool title = false;              // the draft has a title (a new conversation, or its opening post)
  std::vector<std::string> known_names;  // pseudonyms the text may name (a private message's recipient)
};
// Called in the screening read transaction: where the draft goes, or nothing when the author
// may not post there or the submission repeats an earlier one (its key was used). Then
// nothing is checked, and the write answers exactly as it would without filters.
using FilterTargetLookup = std::function<std::optional<FilterTarget>(Connection&)>;

// Checks the draft in a read transaction, before the write. A block or reconsider comes back
// as an error, with `outcome->prompt` set (when `outcome` is given); a kindness nudge shown
// is counted.
Result<FilterPlan> screen_draft(const ActionEnvironment& env, AccountId account, const PostDraft& draft,
                                const FilterChoice& choice, FilterOutcome* outcome, const FilterTargetLookup& target);

// In the write transaction: the draft with its censored words masked; why the post waits
// (the filters' reason first, then the posting gate's); and, once the post is written, its
// flags for the moderators and the kindness outcome.
void censor_draft(const FilterPlan& plan, PostDraft& draft);
HoldReason hold_with_filters(const FilterPlan& plan, HoldReason gate);
void record_filter_plan(Connection& c, const FilterPlan& plan, const posts::Post& post, UnixMillis now);

// The author cancelled a post after the kindness nudge: counted for the group if the
// author may take part in it.
void count_nudge_cancelled(const ActionEnvironment& env, AccountId account, GroupId group_id);

// The member's mute words, compiled (cached until their list changes); nothing when they
// have none. Posts that contain them are collapsed for that member only.
std::shared_ptr<const safety::MuteMatcher> read_mute_matcher(const ActionEnvironment& env, AccountId account);

// Whether a search query contains crisis language (the search page then shows crisis lines).
bool is_crisis_query(const ActionEnvironment& env, std::string_view query);

}  // namespace hearth
