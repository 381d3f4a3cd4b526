// The forms of GET /g/{slug}/manage: each POST calls one action (which checks permission
// itself), then redirects back with a confirmation, or re-renders with the error in place.
#include <charconv>

#include "actions/groups.hpp"
#include "actions/membership.hpp"
#include "actions/moderation.hpp"
#include "core/text.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/pages/group_manage.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

using ManageHandler = std::function<Response(PageContext&, const GroupInView&)>;

// Finds the group and refuses anyone who isn't at least a moderator, before the handler.
PageHandler for_moderators(ManageHandler handler) {
  return [handler = std::move(handler)](PageContext& context) -> Response {
    auto view = group_from_path(context);
    if (!view) return group_not_found_page(context);
    if (!can_moderate(view->viewer)) {
      return message_page(context, 403, "Only the group's moderators and admins can manage it",
                          "If you think something here needs attention, please tell one of them.",
                          group_url(view->group), "Back to the group");
    }
    return handler(context, *view);
  };
}

Response back(const GroupInView& view, std::string_view saved, std::string_view anchor) {
  return redirect_see_other(group_url(view.group, "/manage?saved=" + std::string(saved) + "#" + std::string(anchor)));
}

std::optional<int64_t> param_id(const PageContext& context, std::string_view name) {
  return parse_id(context.request.param(name).value_or(""));
}

Error no_such(std::string_view what) { return make_error(ErrorCode::not_found, "There is no such " + std::string(what) + "."); }

Response save_settings(PageContext& context, const GroupInView& view) {
  const GroupDraft draft = group_draft_from_form(context);
  auto updated = do_update_group(context.env, context.viewer->account.id, view.group.id, draft);
  if (!updated) return render_manage_page(context, view, updated.error(), "settings", draft);
  return back(view, "settings", "settings");
}

Response decide(PageContext& context, const GroupInView& view) {
  const auto persona = param_id(context, "persona_id");
  const std::string decision = context.field("decision");
  if (!persona) return render_manage_page(context, view, no_such("request"), "requests");
  if (decision != "approve" && decision != "decline") {
    return render_manage_page(context, view, make_error(ErrorCode::invalid_input, "Please choose to let them in or "
                                                        "decline."), "requests");
  }
  const bool approve = decision == "approve";
  const Status done = do_decide_request(context.env, context.viewer->account.id, view.group.id, *persona, approve,
                                        approve ? "" : context.field("reason"));
  if (!done) return render_manage_page(context, view, done.error(), "requests");
  return back(view, approve ? "approved" : "declined", "requests");
}

// "" → none; otherwise a whole number, or an error naming the field.
Result<std::optional<int>> optional_number(const PageContext& context, std::string_view field, std::string_view what) {
  const std::string text(trim(context.field(field)));
  if (text.empty()) return std::optional<int>();
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return make_error(ErrorCode::invalid_input, "Please give " + std::string(what) + " as a whole number.",
                      std::string(field));
  }
  return std::optional<int>(value);
}

Response create_invite(PageContext& context, const GroupInView& view) {
  auto days = optional_number(context, "expires_in_days", "the number of days");
  if (!days) return render_manage_page(context, view, days.error(), "invites");
  auto uses = optional_number(context, "max_uses", "the number of people");
  if (!uses) return render_manage_page(context, view, uses.error(), "invites");
  auto invite = do_create_invite(context.env, context.viewer->account.id, view.group.id, *days, *uses);
  if (!invite) return render_manage_page(context, view, invite.error(), "invites");
  return render_manage_page(context, view, std::nullopt, "invites", std::nullopt, *invite);
}

Response revoke_invite(PageContext& context, const GroupInView& view) {
  const auto id = param_id(context, "id");
  const Status done = id ? do_revoke_invite(context.env, context.viewer->account.id, view.group.id, *id)
                         : Status(no_such("invite"));
  if (!done) return render_manage_page(context, view, done.error(), "invites");
  return back(view, "revoked", "invites");
}

Response set_role(PageContext& context, const GroupInView& view) {
  const auto persona = param_id(context, "persona_id");
  const auto role = parse_role(context.field("role"));
  if (!persona || !role) return render_manage_page(context, view, no_such("member or role"), "roles");
  const Status done = do_set_role(context.env, context.viewer->account.id, view.group.id, *persona, *role);
  if (!done) return render_manage_page(context, view, done.error(), "roles");
  return back(view, "role", "roles");
}

Response set_volunteer(PageContext& context, const GroupInView& view) {
  const auto persona = param_id(context, "persona_id");
  if (!persona) return render_manage_page(context, view, no_such("member"), "roles");
  const Status done = do_set_trained_volunteer(context.env, context.viewer->account.id, view.group.id, *persona,
                                               context.field("volunteer") == "1");
  if (!done) return render_manage_page(context, view, done.error(), "roles");
  return back(view, "volunteer", "roles");
}

Response add_service(PageContext& context, const GroupInView& view) {
  GroupService service{0, context.field("service_name"), context.field("service_phone"),
                       context.field("service_website"), context.field("service_description")};
  const Status done = do_add_group_service(context.env, context.viewer->account.id, view.group.id, service);
  if (!done) return render_manage_page(context, view, done.error(), "services");
  return back(view, "service-added", "services");
}

Response remove_service(PageContext& context, const GroupInView& view) {
  const auto id = param_id(context, "id");
  const Status done = id ? do_remove_group_service(context.env, context.viewer->account.id, view.group.id, *id)
                         : Status(no_such("service"));
  if (!done) return render_manage_page(context, view, done.error(), "services");
  return back(view, "service-removed", "services");
}

Response save_moderation(PageContext& context, const GroupInView& view) {
  ModerationSettings settings;
  auto first = optional_number(context, "hold_first_posts", "the number of posts");
  if (!first) return render_manage_page(context, view, first.error(), "moderation");
  auto slow = optional_number(context, "slow_mode_seconds", "the time between posts");
  if (!slow) return render_manage_page(context, view, slow.error(), "moderation");
  settings.hold_first_posts = first->value_or(0);
  settings.slow_mode_seconds = slow->value_or(0);
  settings.hold_anonymous = context.field("hold_anonymous") == "1";
  const Status done = do_save_moderation_settings(context.env, context.viewer->account.id, view.group.id, settings);
  if (!done) return render_manage_page(context, view, done.error(), "moderation");
  return back(view, "moderation", "moderation");
}

}  // namespace

void add_group_manage_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/g/{slug}/manage", web_page(env, members, manage_page), "web.group.manage"});
  const std::pair<const char*, ManageHandler> forms[] = {
      {"/g/{slug}/manage/settings", save_settings},
      {"/g/{slug}/manage/requests/{persona_id}", decide},
      {"/g/{slug}/manage/invites", create_invite},
      {"/g/{slug}/manage/invites/{id}/revoke", revoke_invite},
      {"/g/{slug}/manage/members/{persona_id}/role", set_role},
      {"/g/{slug}/manage/members/{persona_id}/volunteer", set_volunteer},
      {"/g/{slug}/manage/services", add_service},
      {"/g/{slug}/manage/services/{id}/remove", remove_service},
      {"/g/{slug}/manage/moderation", save_moderation},
  };
  for (const auto& [pattern, handler] : forms) {
    std::string name = "web.group.manage";
    for (const char* p = pattern + std::string_view("/g/{slug}/manage").size(); *p; ++p) {
      if (*p == '/') name += '.';
      else if (*p != '{' && *p != '}') name += *p;
    }
    routes.push_back({Method::post, pattern, web_page(env, members, for_moderators(handler)), name});
  }
}

}  // namespace hearth
