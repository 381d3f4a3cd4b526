// POST /me/personas/{id}/badge  show=1|0: a verified member shows or hides their badge with one
// of their own pseudonyms (selective disclosure: hidden unless they choose). The choice is on
// the pseudonym's own page (/me/personas/{id}, web/context_note_views badge_choice_card).
#include "actions/verification.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

Response set_badge(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  const std::string back = "/me/personas/" + std::to_string(id.value_or(0));
  const Status done =
      do_set_badge_shown(context.env, context.viewer->account.id, id.value_or(0), context.field("show") == "1");
  if (!done) return refusal_page(context, done.error(), "/me/personas", "Back to your pseudonyms");
  return redirect_see_other(back + "?badge=1#badge");
}

}  // namespace

void add_persona_badge_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::post, "/me/personas/{id}/badge", web_page(env, PageAccess::members_only, set_badge),
                    "web.me.persona.badge"});
}

}  // namespace hearth
