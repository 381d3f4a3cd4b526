#pragma once
// Context notes and verified badges as pages show them: the badge next to a persona's name,
// and under a post its "needs context" label, the notes shown with it and the ways to the
// post's notes page. Used by the conversation page (web/post_tree), the notes page, the
// persona page and the member list.
//
// Nothing here sees an account id or a verification: a badge is its words, a note its text,
// sources and counts (actions/context_notes.hpp).
#include <string_view>

#include "actions/context_notes.hpp"
#include "core/html.hpp"
#include "domain/verification.hpp"
#include "store/threads.hpp"
#include "web/page_context.hpp"

namespace hearth {

// "Verified nurse" / "Trained peer volunteer", as a badge.
void verified_badge(Html& h, const Badge& badge);
// The badge next to a post's author, when their persona shows one; never on an anonymous
// post (policy shows_badge_on_post).
void author_badge(Html& h, const ThreadNotes& notes, const AuthorDisplay& author);

// "Context from a verified nurse" or "Context rated helpful by members".
std::string_view note_heading_prefix(const NoteView& note);
// A note's heading, words and sources (links that tell the browser not to pass anything on).
void note_body(Html& h, const NoteView& note);

// Under a post on the conversation page: the label, the notes shown, and links to the notes
// page ("2 notes awaiting ratings", "Add a context note"). `notes_href`: the post's notes
// page; `offer_add`: show "Add a context note" here (the opening post and an opened reply, or
// any post labelled "needs context").
void post_notes(Html& h, const ThreadNotes& notes, PostId post, std::string_view notes_href, bool offer_add);

// On the member's own persona page (/me/personas/{id}): whether this persona shows their
// verified badge, with a button to change it. Nothing for members who were never verified.
void badge_choice_card(Html& h, const PageContext& context, PersonaId persona);

}  // namespace hearth
