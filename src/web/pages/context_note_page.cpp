// A post's context notes (issue 4, misinformation):
//   GET  /g/{slug}/posts/{id}/notes           the notes shown with the post, those awaiting ratings
//                                            (members and moderators), and the form to add one
//   POST /g/{slug}/posts/{id}/notes           body=…&sources=… (one address per line)
//   POST /g/{slug}/posts/{id}/needs-context   needs_context=1|0 (moderators)
//   POST /g/{slug}/notes/{id}/rating          helpful=1|0 (members, not on their own note)
//   POST /g/{slug}/notes/{id}/remove          reason=… (moderators; in the moderation log)
//
// Access as for the conversation: a group the viewer may not see is a 404, a private group's
// content "members only" whatever the id, a post or note that doesn't exist (or is another
// group's) a 404. Notes never show who wrote them.
#include "actions/context_notes.hpp"
#include "actions/verification.hpp"
#include "web/context_note_views.hpp"
#include "web/error_page.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

std::string notes_url(const Group& g, PostId post, std::string_view rest = {}) {
  return post_url(g, post, "/notes" + std::string(rest));
}

std::string note_url(const Group& g, NoteId note, std::string_view action) {
  return "/g/" + g.slug + "/notes/" + std::to_string(note) + std::string(action);
}

// The group from the path, when the viewer may read it; else the refusal to send.
std::optional<GroupInView> readable_group(PageContext& context, std::optional<Response>& refusal) {
  auto group = group_from_path(context);
  if (!group) {
    refusal = render_not_found(context);
    return std::nullopt;
  }
  if (!can_read_content(group->group.privacy, group->viewer)) {
    refusal = members_only_page(context, *group);
    return std::nullopt;
  }
  return group;
}

struct FormAgain {
  std::string body;
  std::string sources;
  std::optional<Error> error;
  std::optional<FilterPrompt> blocked;  // the words a filter refused, to mark
};

void rating_form(Html& h, const PageContext& context, const Group& g, const NoteView& note) {
  h.m("<form method=\"post\" class=\"tools\" action=\"").t(note_url(g, note.id, "/rating")).m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button button-quiet\" name=\"helpful\" value=\"1\" aria-pressed=\"")
      .t(note.my_rating == true ? "true" : "false").m("\">Helpful</button>"
      "<button type=\"submit\" class=\"button button-quiet\" name=\"helpful\" value=\"0\" aria-pressed=\"")
      .t(note.my_rating == false ? "true" : "false").m("\">Not helpful</button></form>");
}

void remove_form(Html& h, const PageContext& context, const Group& g, const NoteView& note) {
  const std::string id = std::to_string(note.id);
  h.m("<form method=\"post\" class=\"tools\" action=\"").t(note_url(g, note.id, "/remove")).m("\">");
  csrf_input(h, context);
  h.m("<div class=\"field\"><label for=\"reason-").t(id).m("\">Why remove it (for the moderators' log)</label>"
      "<input type=\"text\" id=\"reason-").t(id).m("\" name=\"reason\" maxlength=\"500\"></div>"
      "<button type=\"submit\" class=\"button button-quiet\">Remove this note</button></form>");
}

void note_card(Html& h, const PageContext& context, const PostNotes& notes, const NoteView& note,
               const TimeFormatter& time) {
  const Group& g = notes.post.thread.group.group;
  // Only a note shown with the post wears the note's colours: one still waiting speaks for nobody yet.
  if (note.shown) h.m("<li class=\"card context-note\" id=\"note-");
  else h.m("<li class=\"card\" id=\"note-");
  h.num(note.id).m("\">");
  note_body(h, note);
  h.m("<p class=\"meta\">Added ");
  time.element(h, note.created_at);
  if (notes.can_see_pending) {
    h.m(" · Helpful ").num(note.helpful).m(" · Not helpful ").num(note.not_helpful);
  }
  h.m("</p>");
  if (note.mine) h.m("<p class=\"meta\">You wrote this note. Other members' ratings decide whether it shows.</p>");
  else if (note.can_rate) rating_form(h, context, g, note);
  if (notes.can_moderate) remove_form(h, context, g, note);
  h.m("</li>");
}

void label_section(Html& h, const PageContext& context, const PostNotes& notes) {
  const Group& g = notes.post.thread.group.group;
  if (notes.needs_context) {
    h.m("<p class=\"needs-context\"><span class=\"badge badge-context\">Needs context</span> A moderator asked for "
        "context on this post.</p>");
  }
  if (!notes.can_moderate) return;
  h.m("<form method=\"post\" class=\"tools\" action=\"").t(post_url(g, notes.post.post.id, "/needs-context"))
      .m("\">");
  csrf_input(h, context);
  if (notes.needs_context) {
    h.m("<button type=\"submit\" class=\"button button-quiet\" name=\"needs_context\" value=\"0\">Take the \"needs "
        "context\" label off</button>");
  } else {
    h.m("<button type=\"submit\" class=\"button button-quiet\" name=\"needs_context\" value=\"1\">Label this post "
        "\"needs context\"</button>");
  }
  h.m("</form>");
}

void add_section(Html& h, const PageContext& context, const PostNotes& notes, const std::optional<FormAgain>& again) {
  const Group& g = notes.post.thread.group.group;
  const GroupViewer& viewer = notes.post.thread.group.viewer;
  h.m("<section class=\"card\" id=\"add\" aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add a context note</h2>");
  std::optional<Error> error;
  if (again && again->error) {
    error = again->error;
    error_summary(h, *again->error);
    if (again->blocked) blocked_preview(h, *again->blocked);
  }
  if (!notes.can_write) {
    if (notes.wrote_one) h.m("<p>You have added a note to this post. Thank you.</p>");
    else h.m("<p>Context notes come from verified health professionals, trained peer volunteers and the group's "
             "moderators. You can help by rating the notes above.</p>");
    h.m("</section>");
    return;
  }
  const auto badge = read_persona_badge(context.env, viewer.membership->persona_id);
  if (badge) {
    h.m("<p>Your note will show under the post at once, as \"").t(note_from_label(*badge)).m("\".</p>");
  } else {
    h.m("<p>Your note will show under the post once at least 3 members rate it helpful. Notes don't show who wrote "
        "them.</p>");
  }
  // data-prompt: hearth.js asks the third-party guard's question inline (docs/filters.md).
  h.m("<form method=\"post\" data-prompt action=\"").t(notes_url(g, notes.post.post.id)).m("\" novalidate>");
  csrf_input(h, context);
  textarea_field(h, {.name = "body", .label = "The context",
                     .hint = "A few plain sentences: what is known, and what readers should keep in mind. Be kind: "
                             "someone may be relying on this post.",
                     .value = again ? again->body : "", .error = error_for(error, "body"),
                     .max_length = static_cast<int>(max_note_length)},
                 4);
  textarea_field(h, {.name = "sources", .label = "Sources",
                     .hint = "One to five web addresses, one per line, each starting with https://",
                     .value = again ? again->sources : "", .error = error_for(error, "sources")},
                 3);
  h.m("<button type=\"submit\" class=\"button\">Add the note</button></form></section>");
}

void notice_from_query(Html& h, const PageContext& context) {
  if (context.request.query_value("added")) notice(h, "Thank you. Your note is added.");
  if (context.request.query_value("rated")) notice(h, "Thank you. Your rating is saved.");
  if (context.request.query_value("removed")) notice(h, "The note is removed and recorded in the moderation log.");
  if (context.request.query_value("labelled")) notice(h, "The label is saved.");
}

Response render(PageContext& context, const PostNotes& notes, const std::optional<FormAgain>& again, int status) {
  const Group& g = notes.post.thread.group.group;
  const posts::Post& post = notes.post.post;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"crumb\"><a href=\"").t(post_link(g, post.thread_id, post.id)).m("\">Back to the conversation</a></p>"
      "<h1>Context notes</h1>");
  notice_from_query(h, context);
  // After a note with crisis language, its author lands here (?crisis=1#support).
  if (context.viewer && context.request.query_value("crisis")) {
    crisis_lines_card(h, context, crisis_regions_for(context, g.region));
  }
  h.m("<div class=\"card\"><p class=\"meta\">The post</p>");
  if (!post.content_warning.empty()) {
    h.m("<details class=cw><summary>Content warning: ").t(post.content_warning).m("</summary>")
        .raw_unescaped(post.body_html).m("</details>");
  } else {
    h.raw_unescaped(post.body_html);
  }
  h.m("</div>");
  label_section(h, context, notes);
  h.m("<section aria-labelledby=\"shown-h\"><h2 id=\"shown-h\">Shown with the post</h2>");
  if (notes.shown.empty()) h.m("<p>No context notes are shown with this post.</p>");
  else {
    h.m("<ul class=\"cards\">");
    for (const auto& note : notes.shown) note_card(h, context, notes, note, time);
    h.m("</ul>");
  }
  h.m("</section>");
  if (notes.can_see_pending || !notes.pending.empty()) {
    h.m("<section id=\"pending\" aria-labelledby=\"pending-h\"><h2 id=\"pending-h\">Notes awaiting ratings</h2>"
        "<p>A note shows under the post once at least 3 members rate it helpful and more find it helpful than not. "
        "Rate a note helpful when it is accurate, kind and backed by its sources.</p>");
    if (notes.pending.empty()) h.m("<p>No notes are waiting.</p>");
    else {
      h.m("<ul class=\"cards\">");
      for (const auto& note : notes.pending) note_card(h, context, notes, note, time);
      h.m("</ul>");
    }
    h.m("</section>");
  }
  if (context.viewer && is_active_member(notes.post.thread.group.viewer)) add_section(h, context, notes, again);
  return render_page(context, {.title = "Context notes · " + g.name}, h, status);
}

// The post's notes for this page, or the refusal.
std::optional<PostNotes> load(PageContext& context, const GroupInView& group, std::optional<Response>& refusal) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  auto notes = id ? read_post_notes(context.env, viewer_account(context), *id) : std::nullopt;
  if (!notes || notes->post.thread.thread.group_id != group.group.id) {
    refusal = render_not_found(context);
    return std::nullopt;
  }
  return notes;
}

Response show(PageContext& context) {
  std::optional<Response> refusal;
  const auto group = readable_group(context, refusal);
  if (!group) return std::move(*refusal);
  const auto notes = load(context, *group, refusal);
  if (!notes) return std::move(*refusal);
  return render(context, *notes, std::nullopt, 200);
}

// The filters asked first (the third-party guard): the confirmation page, or for hearth.js
// the prompt as JSON. "Post anyway" sends the same note again with confirm=1.
Response ask_first(PageContext& context, const Group& g, PostId post, const std::string& sources,
                   const FilterPrompt& prompt) {
  if (wants_json(context)) return prompt_json(prompt);
  PromptForm form{.heading = "Before you add your note", .action = notes_url(g, post), .back = notes_url(g, post)};
  form.extra.emplace_back("sources", sources);
  return prompt_page(context, form, prompt);
}

Response add(PageContext& context) {
  std::optional<Response> refusal;
  const auto group = readable_group(context, refusal);
  if (!group) return std::move(*refusal);
  const auto notes = load(context, *group, refusal);
  if (!notes) return std::move(*refusal);
  const Group& g = group->group;
  const PostId post = notes->post.post.id;
  const std::string body = context.field("body");
  const std::string sources = context.field("sources");
  if (prompt_cancelled(context)) return redirect_see_other(notes_url(g, post));  // "Cancel" on the prompt
  if (prompt_edit(context)) return render(context, *notes, FormAgain{body, sources, std::nullopt, std::nullopt}, 200);
  FilterOutcome outcome;
  auto added = do_add_note(context.env, context.viewer->account.id, post, {body, split_sources(sources)},
                           filter_choice(context), &outcome);
  if (added) {
    const std::string url = outcome.crisis ? notes_url(g, post, "?added=1&crisis=1#support")
                                           : notes_url(g, post, "?added=1#note-" + std::to_string(*added));
    return wants_json(context) ? posted_json(url) : redirect_see_other(url);
  }
  const Error& error = added.error();
  if (needs_confirmation(error) && outcome.prompt) return ask_first(context, g, post, sources, *outcome.prompt);
  if (error.code == ErrorCode::invalid_input) {
    return render(context, *notes, FormAgain{body, sources, error, outcome.prompt}, status_for(error));
  }
  return refusal_page(context, error, notes_url(g, post), "Back to the context notes");
}

Response set_label(PageContext& context) {
  std::optional<Response> refusal;
  const auto group = readable_group(context, refusal);
  if (!group) return std::move(*refusal);
  const auto post = path_post(context, *group);
  if (!post) return render_not_found(context);
  const Status done = do_set_needs_context(context.env, context.viewer->account.id, post->post.id,
                                           context.field("needs_context") == "1");
  if (!done) return refusal_page(context, done.error(), thread_url(group->group, post->post.thread_id), "Back to the conversation");
  return redirect_see_other(notes_url(group->group, post->post.id, "?labelled=1"));
}

Response rate(PageContext& context) {
  std::optional<Response> refusal;
  const auto group = readable_group(context, refusal);
  if (!group) return std::move(*refusal);
  const auto id = parse_id(context.request.param("id").value_or(""));
  auto rated = do_rate_note(context.env, context.viewer->account.id, id.value_or(0), context.field("helpful") == "1",
                            group->group.id);
  if (!rated) return refusal_page(context, rated.error(), group_url(group->group), "Back to the group");
  return redirect_see_other(notes_url(group->group, *rated, "?rated=1#note-" + std::to_string(*id)));
}

Response remove(PageContext& context) {
  std::optional<Response> refusal;
  const auto group = readable_group(context, refusal);
  if (!group) return std::move(*refusal);
  const auto id = parse_id(context.request.param("id").value_or(""));
  auto removed = do_remove_note(context.env, context.viewer->account.id, id.value_or(0), context.field("reason"),
                                group->group.id);
  if (!removed) return refusal_page(context, removed.error(), group_url(group->group), "Back to the group");
  return redirect_see_other(notes_url(group->group, *removed, "?removed=1"));
}

}  // namespace

void add_context_note_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/posts/{id}/notes", web_page(env, PageAccess::anyone, show), "web.post.notes"});
  routes.push_back({Method::post, "/g/{slug}/posts/{id}/notes", web_page(env, PageAccess::members_only, add),
                    "web.post.notes.add"});
  routes.push_back({Method::post, "/g/{slug}/posts/{id}/needs-context",
                    web_page(env, PageAccess::members_only, set_label), "web.post.needs_context"});
  routes.push_back({Method::post, "/g/{slug}/notes/{id}/rating", web_page(env, PageAccess::members_only, rate),
                    "web.note.rate"});
  routes.push_back({Method::post, "/g/{slug}/notes/{id}/remove", web_page(env, PageAccess::members_only, remove),
                    "web.note.remove"});
}

}  // namespace hearth
