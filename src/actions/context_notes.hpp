#pragma once
// Context notes on posts: writing one (verified members and moderators), rating one (members),
// removing one and labelling a post "needs context" (moderators), and the reads pages and the
// API show them from.
//
// Notes are shown without their author: they stand on their words and sources. A note speaks
// "from a verified nurse" only while its author's persona in the group shows that badge; then
// it shows at once. Any other note waits until enough members rate it helpful
// (policy note_is_shown). Nothing here returns an account id, a persona of a note's author or
// a verification id.
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "actions/conversations.hpp"
#include "actions/environment.hpp"
#include "actions/filtering.hpp"
#include "core/result.hpp"
#include "domain/context_note.hpp"
#include "domain/verification.hpp"

namespace hearth {

// A note as one viewer may see it.
struct NoteView {
  NoteId id = 0;
  PostId post_id = 0;
  std::string body;
  std::vector<std::string> sources;
  UnixMillis created_at = 0;
  bool shown = false;             // under the post for every reader
  std::optional<Badge> from;      // written by a persona showing this verified badge
  int64_t helpful = 0;
  int64_t not_helpful = 0;
  bool mine = false;              // the viewer wrote it
  std::optional<bool> my_rating;  // the viewer's rating, if any
  bool can_rate = false;
};

struct PostNotes {
  PostInView post;
  bool needs_context = false;
  std::vector<NoteView> shown;
  std::vector<NoteView> pending;  // empty unless can_see_pending
  bool can_write = false;         // may add a note now (verified or moderator, no note here yet)
  bool wrote_one = false;         // already has a note on this post
  bool can_see_pending = false;
  bool can_moderate = false;      // remove notes, label the post
};
// A post's notes for this viewer; nullopt (→ 404) when the post doesn't exist for them, is
// removed or waits for a moderator.
std::optional<PostNotes> read_post_notes(const ActionEnvironment& env, std::optional<AccountId> account, PostId post);

// What a conversation page shows with its posts.
struct ThreadNotes {
  std::map<PostId, std::vector<NoteView>> shown;
  std::map<PostId, int64_t> pending;  // notes waiting for ratings, for those who may see them
  std::set<PostId> needs_context;
  std::unordered_map<PersonaId, Badge> badges;  // personas showing a verified badge (never anonymous posts)
  bool can_write = false;
  bool can_see_pending = false;
};
ThreadNotes read_thread_notes(const ActionEnvironment& env, const GroupInView& group, ThreadId thread);

// A note's text passes the same safety filters as a post (docs/context_notes.md, "Safety
// filters"): a block, or a third-party prompt the author hasn't answered with
// `choice.post_anyway`, comes back as an error with `outcome->prompt` set; words the group
// holds for review refuse the note (a note has no waiting state); censored words are masked;
// flagged words and crisis language put an item in the moderators' queue with the post the
// note is on, and `outcome->crisis` asks the page to show the author the crisis lines.
Result<NoteId> do_add_note(const ActionEnvironment& env, AccountId account, PostId post, const NoteDraft& draft,
                           const FilterChoice& choice = {}, FilterOutcome* outcome = nullptr);
// `in_group`: the note must belong to this group (addresses under /g/{slug}/). Both answer the
// post the note is about.
Result<PostId> do_rate_note(const ActionEnvironment& env, AccountId account, NoteId note, bool helpful,
                    std::optional<GroupId> in_group = std::nullopt);
Result<PostId> do_remove_note(const ActionEnvironment& env, AccountId account, NoteId note, std::string_view reason,
                      std::optional<GroupId> in_group = std::nullopt);
// Labels the post "needs context" (or takes the label off). Setting what is set is no error.
Status do_set_needs_context(const ActionEnvironment& env, AccountId account, PostId post, bool needs_context);

}  // namespace hearth
