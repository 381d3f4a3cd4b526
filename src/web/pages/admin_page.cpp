// Platform admins' pages:
//   GET  /admin                              escalated items of every group, and the admins' audit log
//   POST /admin/escalations/{id}/resolve     resolution=…
//   GET  /admin/posts/{id}/unmask            the unmask procedure: why must you know?
//   POST /admin/posts/{id}/unmask            reason=… → who wrote it, recorded for every platform admin to see
#include "actions/platform_admin.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/moderation_views.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

Response not_for_you(PageContext& context) {
  return message_page(context, 403, "Only Hearth's platform admins can see this",
                      "This page is for the people who look after the whole site.", "/", "Back to the front page");
}

void escalation_html(Html& h, const PageContext& context, const EscalationView& v, const TimeFormatter& time) {
  const auto& e = v.escalation;
  const Group group{.id = e.group_id, .slug = e.group_slug, .name = e.group_name};
  h.m("<li class=\"card\"><p class=\"meta\">From <a href=\"").t(group_url(group)).m("\">").t(e.group_name).m("</a> · ");
  time.element(h, e.created_at);
  h.m("</p><p>“").t(e.reason).m("”</p>");
  if (v.post) post_card_html(h, group, *v.post, v.handle, time);
  if (v.persona) h.m("<p>About the member <strong>").t(v.persona->name).m("</strong>.</p>");
  if (v.post && v.post->author.anonymous) {
    h.m("<p><a href=\"/admin/posts/")
        .num(v.post->id)
        .m("/unmask\">Unmask the author</a> (needs a written reason, "
           "which every platform admin will see)</p>");
  }
  if (e.resolved_at) {
    h.m("<p><strong>Resolved</strong> ").t(time.local(*e.resolved_at)).m(": ").t(e.resolution).m("</p></li>");
    return;
  }
  const std::string id = std::to_string(e.id);
  h.m("<form method=\"post\" action=\"/admin/escalations/").t(id).m("/resolve\">");
  csrf_input(h, context);
  h.m("<div class=\"field\"><label for=\"resolution-")
      .t(id)
      .m("\">What you did</label><input type=\"text\" id=\""
         "resolution-")
      .t(id)
      .m("\" name=\"resolution\" maxlength=\"2000\" required></div><button type=\"submit\" "
         "class=\"button button-quiet\">Mark as resolved</button></form></li>");
}

Response admin_page(PageContext& context) {
  const AccountId me = context.viewer->account.id;
  const auto escalations = read_escalations(context.env, me);
  if (!escalations) return not_for_you(context);
  const auto audit = read_admin_audit(context.env, me);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<h1>Platform admin</h1><p><a href=\"/admin/words\">Watched words for all of Hearth</a> · <a href=\"/admin/verifications\">Verified members</a></p>");
  if (context.request.query_value("resolved")) notice(h, "The escalation is resolved.");
  h.m("<section aria-labelledby=\"escalations\"><h2 id=\"escalations\">Escalated by moderators</h2>");
  if (escalations->empty()) {
    h.m("<p>Nothing has been escalated.</p>");
  } else {
    h.m("<ol class=\"mod-queue\">");
    for (const auto& v : *escalations) escalation_html(h, context, v, time);
    h.m("</ol>");
  }
  h.m("</section><section class=\"card\" aria-labelledby=\"audit\"><h2 id=\"audit\">What platform admins did</h2>");
  if (!audit || audit->empty()) {
    h.m("<p>Nothing yet.</p>");
  } else {
    h.m("<ul class=\"mod-history\">");
    for (const auto& e : *audit) {
      h.m("<li>");
      time.element(h, e.at);
      h.m(" · <strong>").t(e.admin_login).m("</strong> · ").t(e.detail).m("</li>");
    }
    h.m("</ul>");
  }
  h.m("</section>");
  return render_page(context, {.title = "Platform admin"}, h);
}

Response resolve(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  const Status done =
      do_resolve_escalation(context.env, context.viewer->account.id, id.value_or(0), context.field("resolution"));
  if (!done) {
    if (done.error().code == ErrorCode::forbidden) return not_for_you(context);
    return message_page(context, status_for(done.error()), "That didn't work", done.error().message, "/admin",
                        "Back to the platform admin page");
  }
  return redirect_see_other("/admin?resolved=1#escalations");
}

Response unmask_form(PageContext& context, const std::optional<Error>& error) {
  const std::string id = context.request.param("id").value_or("");
  Html h;
  h.m("<section class=\"card narrow\"><h1>Unmask an anonymous author</h1><p>Members post anonymously because it "
      "keeps them safe. Unmask only when the law or someone's safety requires it. Your reason is recorded with your "
      "name, and every platform admin can read it.</p><form method=\"post\" action=\"/admin/posts/")
      .t(id)
      .m("/unmask\">");
  csrf_input(h, context);
  if (error) error_summary(h, *error);
  textarea_field(h,
                 {.name = "reason",
                  .label = "Why you need to know who wrote it",
                  .value = error ? context.field("reason") : "",
                  .error = error_for(error, "reason"),
                  .max_length = 2000},
                 4);
  h.m("<button type=\"submit\" class=\"button\">Unmask and record it</button> <a href=\"/admin\">Cancel</a></form>"
      "</section>");
  return render_page(context, {.title = "Unmask an anonymous author"}, h, error ? status_for(*error) : 200);
}

Response unmask_show(PageContext& context) {
  if (!is_platform_admin(context.env, context.viewer->account.id)) return not_for_you(context);
  return unmask_form(context, std::nullopt);
}

Response unmask_submit(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  auto unmasked = do_unmask(context.env, context.viewer->account.id, id.value_or(0), context.field("reason"));
  if (!unmasked) {
    if (unmasked.error().code == ErrorCode::forbidden) return not_for_you(context);
    return unmask_form(context, unmasked.error());
  }
  Html h;
  h.m("<section class=\"card narrow\"><h1>The author</h1><p>The anonymous post with handle <code>")
      .t(unmasked->handle)
      .m("</code> in ")
      .t(unmasked->group_name)
      .m(" was written by the member who appears there as "
         "<strong>")
      .t(unmasked->persona_name)
      .m("</strong>.</p><p>This is recorded in the platform admins' log.</p>"
         "<p><a href=\"/admin\">Back to the platform admin page</a></p></section>");
  return render_page(context, {.title = "The author"}, h);
}

}  // namespace

void add_admin_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/admin", web_page(env, members, admin_page), "web.admin"});
  routes.push_back({Method::post, "/admin/escalations/{id}/resolve", web_page(env, members, resolve),
                    "web.admin.escalation.resolve"});
  routes.push_back({Method::get, "/admin/posts/{id}/unmask", web_page(env, members, unmask_show), "web.admin.unmask"});
  routes.push_back(
      {Method::post, "/admin/posts/{id}/unmask", web_page(env, members, unmask_submit), "web.admin.unmask.submit"});
}

}  // namespace hearth
