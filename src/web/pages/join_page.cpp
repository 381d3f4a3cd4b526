// GET/POST /g/{slug}/join: the join screen. The member reads and accepts the rules, answers
// a private group's questions and chooses the pseudonym they will show there.
#include <fmt/format.h>

#include "actions/membership.hpp"
#include "policy/moderation.hpp"
#include "store/groups.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct JoinScreen {
  TransparencyFacts transparency;
  std::vector<std::string> rules;
  std::vector<std::string> questions;
};

JoinScreen load(const PageContext& context, const Group& group) {
  const UnixMillis now = context.env.clock.now();
  return context.env.store.read([&](Connection& c) {
    return JoinScreen{load_transparency_facts(c, group, now), groups::rules(c, group.id), groups::questions(c, group.id)};
  });
}

Response form(PageContext& context, const GroupInView& view, const std::optional<Error>& error, int status) {
  const Group& g = view.group;
  const JoinScreen screen = load(context, g);
  const bool request = join_path(g.privacy, view.viewer) == JoinPath::request;
  Html h;
  h.m("<section class=\"card narrow-wide\"><h1>").t(request ? "Ask to join " : "Join ").t(g.name).m("</h1>");
  if (error) error_summary(h, *error);
  h.m("<p class=\"lead\">").t(privacy_explained(g.privacy)).m("</p>");
  const auto& membership = view.viewer.membership;
  if (membership && membership->status == MembershipStatus::declined) {
    h.m("<p>Your last request was declined.");
    if (!membership->decision_reason.empty()) h.m(" The admins said: “").t(membership->decision_reason).m("”");
    h.m(" You're welcome to ask again.</p>");
  }
  h.m("<form method=\"post\" action=\"").t(group_url(g, "/join")).m("\" novalidate>");
  csrf_input(h, context);
  h.m("<h2>The group's rules</h2>");
  if (screen.rules.empty()) {
    h.m("<p>This group has no rules of its own yet. Be kind; Hearth's basic courtesy applies.</p>");
  } else {
    rules_list(h, screen.rules);
    checkbox_field(h, "accept_rules", "I accept the group's rules", {}, context.has_field("accept_rules"),
                   error_for(error, "accept_rules"));
  }
  if (request && !screen.questions.empty()) {
    h.m("<h2>Questions from the admins</h2><p class=\"hint\">Only the group's admins and moderators see your "
        "answers.</p>");
    for (std::size_t i = 0; i < screen.questions.size(); ++i) {
      const std::string name = fmt::format("answer_{}", i + 1);
      textarea_field(h, {.name = name, .label = screen.questions[i], .value = context.field(name),
                         .error = error_for(error, name), .max_length = static_cast<int>(max_answer_length)}, 3);
    }
  }
  persona_choice_fields(h, context, my_personas(context), error);
  h.m("<button type=\"submit\" class=\"button\">").t(request ? "Send my request" : "Join the group")
      .m("</button> <a href=\"").t(group_url(g)).m("\">Not now</a></form></section>");
  // Before joining, how the group is looked after (the card the group page shows too).
  h.m("<div class=\"narrow-wide\">");
  transparency_card(h, g, screen.transparency, context.env.clock.now(), context.time_zone(),
                    can_read_moderation_log(g.privacy, view.viewer));
  h.m("</div>");
  return render_page(context, {.title = std::string(request ? "Ask to join " : "Join ") + g.name}, h, status);
}

Response request_sent(PageContext& context, const Group& g) {
  Html h;
  h.m("<section class=\"card narrow\"><h1>");
  h.t(context.request.query_value("sent") ? "Request sent" : "Your request is waiting");
  h.m("</h1><p>Your request to join <strong>").t(g.name).m("</strong> is waiting for the group's admins. Once they "
      "let you in, the group will appear under \"Your groups\" on your home page.</p><p><a href=\"")
      .t(group_url(g)).m("\">Back to the group</a> · <a href=\"/groups\">Browse other groups</a></p></section>");
  return render_page(context, {.title = "Request sent"}, h);
}

Response show(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  switch (join_path(view->group.privacy, view->viewer)) {
    case JoinPath::already_member: return redirect_see_other(group_url(view->group));
    case JoinPath::pending: return request_sent(context, view->group);
    case JoinPath::banned:
      return message_page(context, 403, "You can't join this group", "The group's moderators have removed you from it.");
    case JoinPath::join_directly:
    case JoinPath::request: return form(context, *view, std::nullopt, 200);
    case JoinPath::invite_only:
    case JoinPath::none: break;
  }
  return group_not_found_page(context);
}

Response submit(PageContext& context) {
  auto view = group_from_path(context);
  if (!view) return group_not_found_page(context);
  auto persona = persona_choice_from_form(context);
  if (!persona) return form(context, *view, persona.error(), status_for(persona.error()));
  JoinRequest request{*persona, context.has_field("accept_rules"), {}};
  for (std::size_t i = 1; i <= max_questions; ++i) request.answers.push_back(context.field(fmt::format("answer_{}", i)));
  auto joined = do_join_group(context.env, context.viewer->account.id, view->group.id, request);
  if (!joined) {
    if (joined.error().code == ErrorCode::not_found) return group_not_found_page(context);
    if (joined.error().code == ErrorCode::forbidden) {
      return message_page(context, 403, "You can't join this group", joined.error().message);
    }
    if (joined.error().code == ErrorCode::conflict && joined.error().field.empty()) {
      return redirect_see_other(group_url(view->group));  // already a member, or already asked
    }
    return form(context, *view, joined.error(), status_for(joined.error()));
  }
  if (*joined == MembershipStatus::active) return redirect_see_other(group_url(view->group, "?welcome=1"));
  return redirect_see_other(group_url(view->group, "/join?sent=1"));
}

}  // namespace

void add_join_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/join", web_page(env, PageAccess::members_only, show), "web.group.join"});
  routes.push_back({Method::post, "/g/{slug}/join", web_page(env, PageAccess::members_only, submit),
                    "web.group.join.submit"});
}

}  // namespace hearth
