#include "web/context_note_views.hpp"

#include "actions/verification.hpp"
#include "policy/context_notes.hpp"
#include "web/forms.hpp"

namespace hearth {

void verified_badge(Html& h, const Badge& badge) {
  h.m(" <span class=\"badge badge-verified\">").t(badge_label(badge)).m("</span>");
}

void author_badge(Html& h, const ThreadNotes& notes, const AuthorDisplay& author) {
  if (!shows_badge_on_post(author.anonymous) || author.persona_id == 0) return;
  const auto found = notes.badges.find(author.persona_id);
  if (found != notes.badges.end()) verified_badge(h, found->second);
}

std::string_view note_heading_prefix(const NoteView& note) {
  if (note.from) return {};
  return note.shown ? "Context rated helpful by members" : "Context waiting for ratings";
}

void note_body(Html& h, const NoteView& note) {
  h.m("<p class=\"note-from\"><strong>");
  if (note.from) h.t(note_from_label(*note.from));
  else h.t(note_heading_prefix(note));
  h.m("</strong></p>");
  // Plain text: each line its own paragraph.
  std::string_view body = note.body;
  while (!body.empty()) {
    const std::size_t end = body.find('\n');
    const std::string_view line = body.substr(0, end);
    if (!line.empty()) h.m("<p>").t(line).m("</p>");
    if (end == std::string_view::npos) break;
    body.remove_prefix(end + 1);
  }
  h.m("<p class=\"sources\">Sources: ");
  for (std::size_t i = 0; i < note.sources.size(); ++i) {
    if (i > 0) h.m(", ");
    h.m("<a href=\"").t(note.sources[i]).m("\" rel=\"nofollow noopener noreferrer ugc\">").t(source_host(note.sources[i]))
        .m("</a>");
  }
  h.m("</p>");
}

void post_notes(Html& h, const ThreadNotes& notes, PostId post, std::string_view notes_href, bool offer_add) {
  const bool labelled = notes.needs_context.count(post) > 0;
  const auto shown = notes.shown.find(post);
  const auto pending = notes.pending.find(post);
  const bool any_shown = shown != notes.shown.end() && !shown->second.empty();
  const bool any_pending = pending != notes.pending.end() && pending->second > 0;
  const bool add = notes.can_write && (offer_add || labelled);
  if (!labelled && !any_shown && !any_pending && !add) return;
  h.m("<div class=\"notes\">");
  if (labelled) {
    h.m("<p class=\"needs-context\"><span class=\"badge badge-context\">Needs context</span> A moderator asked for "
        "context on this post.</p>");
  }
  if (any_shown) {
    for (const NoteView& note : shown->second) {
      h.m("<div class=\"context-note\" role=\"note\" id=\"note-").num(note.id).m("\">");
      note_body(h, note);
      h.m("</div>");
    }
  }
  if (any_pending || add || any_shown) {
    h.m("<p class=\"note-links\">");
    if (any_pending) {
      h.m("<a href=\"").t(notes_href).m("#pending\">").num(pending->second)
          .t(pending->second == 1 ? " note awaiting ratings" : " notes awaiting ratings").m("</a> ");
    } else if (any_shown) {
      h.m("<a href=\"").t(notes_href).m("\">About this context</a> ");
    }
    if (add) h.m("<a href=\"").t(notes_href).m("#add\">Add a context note</a>");
    h.m("</p>");
  }
  h.m("</div>");
}

void badge_choice_card(Html& h, const PageContext& context, PersonaId persona) {
  const auto verification = read_own_verification(context.env, context.viewer->account.id);
  if (!verification || !verification->active()) return;
  const bool on = read_badge_switched_on(context.env, persona);
  const std::string label = badge_label(verification->badge());
  h.m("<section class=\"card\" id=\"badge\" aria-labelledby=\"badge-h\"><h2 id=\"badge-h\">Your verified badge</h2>");
  if (context.request.query_value("badge")) notice(h, on ? "Your badge now shows with this pseudonym." : "Your badge is hidden for this pseudonym.");
  h.m("<p>Hearth's admins verified you as: <strong>").t(label).m("</strong>. ");
  if (on) {
    h.m("It shows next to this pseudonym's name on its posts, its profile and member lists, and your context notes "
        "here show at once. It never shows on anonymous posts.</p>");
  } else {
    h.m("It is hidden for this pseudonym. If you show it, it appears next to this pseudonym's name on its posts "
        "(never anonymous ones), its profile and member lists, and your context notes here show at once.</p>");
  }
  h.m("<p class=\"hint\">Each pseudonym decides for itself. Someone who sees the same badge on two pseudonyms may "
      "guess they are one person, all the more for a rare profession: show it only where you are happy to be known as ")
      .t(label).m(".</p><form method=\"post\" action=\"/me/personas/").num(persona).m("/badge\">");
  csrf_input(h, context);
  if (on) h.m("<button type=\"submit\" class=\"button button-quiet\" name=\"show\" value=\"0\">Hide the badge</button>");
  else h.m("<button type=\"submit\" class=\"button\" name=\"show\" value=\"1\">Show the badge with this pseudonym</button>");
  h.m("</form></section>");
}

}  // namespace hearth
