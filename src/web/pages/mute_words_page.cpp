// A member's own mute words: posts that contain them are folded away behind "Hidden by your
// mute words" on conversation pages, for that member only.
//   GET  /settings/mute-words             the list and a form to add
//   POST /settings/mute-words             phrase=…
//   POST /settings/mute-words/{id}/remove
#include "actions/word_lists.hpp"
#include "safety/list_entry.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

Response render(PageContext& context, const std::string& phrase, const std::optional<Error>& error, int status) {
  const auto words = read_mute_words(context.env, context.viewer->account.id);
  Html h;
  h.m("<p class=\"meta\"><a href=\"/settings\">Settings</a></p><h1>Your mute words</h1><p>Posts that contain one of "
      "these words are folded away for you, behind “Hidden by your mute words”: you can still open them. Nobody else "
      "sees your list, and it changes nothing for anyone else.</p>");
  if (const auto done = context.request.query_value("done")) {
    notice(h, *done == "removed" ? "Removed from your mute words." : "Added to your mute words.");
  }
  h.m("<section class=\"card\" aria-labelledby=\"add-h\"><h2 id=\"add-h\">Add a word or phrase</h2>");
  if (error) error_summary(h, *error);
  h.m("<form method=\"post\" action=\"/settings/mute-words\">");
  csrf_input(h, context);
  input_field(h, {.name = "phrase", .label = "Word or phrase",
                  .hint = "Whole words, however they are spelled out. End with * to match longer words too.",
                  .value = phrase, .error = error ? error->message : std::string(), .max_length = 200});
  h.m("<button type=\"submit\" class=\"button\">Add</button></form></section>");
  h.m("<section class=\"card\" aria-labelledby=\"list-h\"><h2 id=\"list-h\">Your list</h2>");
  if (words.empty()) {
    h.m("<p>No mute words yet.</p>");
  } else {
    h.m("<ul class=\"word-list\">");
    for (const auto& w : words) {
      h.m("<li><strong>").t(w.phrase).m("</strong><form method=\"post\" class=\"inline-form\" action=\"/settings/"
                                         "mute-words/").num(w.id).m("/remove\">");
      csrf_input(h, context);
      h.m(" <button type=\"submit\" class=\"link-button\">Remove<span class=\"visually-hidden\"> ").t(w.phrase)
          .m("</span></button></form></li>");
    }
    h.m("</ul>");
  }
  h.m("<p class=\"hint\">Up to ").num(static_cast<int64_t>(safety::max_mute_words)).m(" words.</p></section>");
  return render_page(context, {.title = "Your mute words"}, h, status);
}

Response show(PageContext& context) {
  return render(context, "", std::nullopt, 200);
}

Response add(PageContext& context) {
  const std::string phrase = context.field("phrase");
  auto added = do_add_mute_word(context.env, context.viewer->account.id, phrase);
  if (added) return redirect_see_other("/settings/mute-words?done=added");
  return render(context, phrase, added.error(), status_for(added.error()));
}

Response remove(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  (void)do_remove_mute_word(context.env, context.viewer->account.id, id.value_or(0));
  return redirect_see_other("/settings/mute-words?done=removed");
}

}  // namespace

void add_mute_words_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/settings/mute-words", web_page(env, PageAccess::members_only, show),
                    "web.settings.mute_words"});
  routes.push_back({Method::post, "/settings/mute-words", web_page(env, PageAccess::members_only, add),
                    "web.settings.mute_words.add"});
  routes.push_back({Method::post, "/settings/mute-words/{id}/remove", web_page(env, PageAccess::members_only, remove),
                    "web.settings.mute_words.remove"});
}

}  // namespace hearth
