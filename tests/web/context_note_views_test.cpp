#include "web/context_note_views.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

ThreadNotes with_badge(PersonaId persona) {
  ThreadNotes notes;
  notes.badges.emplace(persona, Badge{VerificationKind::health_professional, "nurse"});
  return notes;
}

TEST(ContextNoteViewsTest, TheBadgeShowsByANameButNeverOnAnAnonymousPost) {
  const ThreadNotes notes = with_badge(42);
  Html named;
  author_badge(named, notes, AuthorDisplay{.persona_id = 42, .persona_name = "Quiet Harbour"});
  EXPECT_NE(named.str().find("Verified nurse"), std::string::npos);
  Html anonymous;
  // An anonymous post's display never carries the persona; even if it did, no badge.
  author_badge(anonymous, notes, AuthorDisplay{.anonymous = true, .anonymous_label = "B", .persona_id = 42});
  EXPECT_EQ(anonymous.str(), "");
  Html other;
  author_badge(other, notes, AuthorDisplay{.persona_id = 7, .persona_name = "Someone Else"});
  EXPECT_EQ(other.str(), "");
}

TEST(ContextNoteViewsTest, ANoteEscapesItsWordsAndLinksItsSourcesSafely) {
  NoteView note;
  note.id = 5;
  note.shown = true;
  note.body = "First line <b>\nSecond line";
  note.sources = {"https://www.nhs.uk/a?b=1&c=2"};
  Html h;
  note_body(h, note);
  const std::string& html = h.str();
  EXPECT_NE(html.find("Context rated helpful by members"), std::string::npos);
  EXPECT_NE(html.find("<p>First line &lt;b&gt;</p><p>Second line</p>"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://www.nhs.uk/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer ugc\">www.nhs.uk<"),
            std::string::npos)
      << html;
  note.from = Badge{VerificationKind::peer_volunteer, ""};
  Html from;
  note_body(from, note);
  EXPECT_NE(from.str().find("Context from a trained peer volunteer"), std::string::npos);
}

TEST(ContextNoteViewsTest, UnderAPostTheLabelNotesAndLinksShowOnlyWhenThereIsSomething) {
  ThreadNotes notes;
  Html nothing;
  post_notes(nothing, notes, 1, "../posts/1/notes", true);
  EXPECT_EQ(nothing.str(), "") << "a plain post costs no bytes";
  notes.needs_context.insert(1);
  notes.pending[1] = 2;
  notes.can_see_pending = true;
  Html labelled;
  post_notes(labelled, notes, 1, "../posts/1/notes", false);
  EXPECT_NE(labelled.str().find("Needs context"), std::string::npos);
  EXPECT_NE(labelled.str().find("2 notes awaiting ratings"), std::string::npos);
  EXPECT_EQ(labelled.str().find("Add a context note"), std::string::npos) << "the viewer can't write notes";
  notes.can_write = true;
  Html writer;
  post_notes(writer, notes, 1, "../posts/1/notes", false);
  EXPECT_NE(writer.str().find("Add a context note"), std::string::npos) << "a labelled post invites a note";
}

}  // namespace
}  // namespace hearth
