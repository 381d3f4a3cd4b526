// Platform admins verify members as health professionals or trained peer volunteers:
//   GET  /admin/verifications           who is verified (and who was), and the form to verify someone
//   POST /admin/verifications           login=…&kind=…&profession=…&jurisdiction=…
//   POST /admin/verifications/revoke    login=…
//
// An admin verifies an ACCOUNT by the login name the member gives them (members keep their
// login name to themselves otherwise): nothing here shows which personas belong to it. The
// evidence is checked outside Hearth and never stored. Every change goes in the platform
// admins' audit log.
#include "actions/platform_admin.hpp"
#include "actions/verification.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

Response not_for_you(PageContext& context) {
  return message_page(context, 403, "Only Hearth's platform admins can see this",
                      "This page is for the people who look after the whole site.", "/", "Back to the front page");
}

void verify_form(Html& h, const PageContext& context, const std::optional<Error>& error) {
  h.m("<section class=\"card\" aria-labelledby=\"verify-h\"><h2 id=\"verify-h\">Verify a member</h2>"
      "<p>Ask the member for their login name, and check their registration or training outside Hearth (a public "
      "register, a certificate they show you). <strong>Don't upload, paste or describe the evidence here: Hearth never "
      "stores it.</strong> Only the badge's words, where they are registered and today's date are kept.</p>"
      "<p>The member then chooses, pseudonym by pseudonym, where the badge shows. By default it shows nowhere.</p>");
  if (error) error_summary(h, *error);
  h.m("<form method=\"post\" action=\"/admin/verifications\" novalidate>");
  csrf_input(h, context);
  const auto value = [&](std::string_view name) { return error ? context.field(name) : std::string(); };
  input_field(h, {.name = "login", .label = "The member's login name", .hint = "As the member gave it to you.",
                  .value = value("login"), .error = error_for(error, "login"), .max_length = 32});
  const std::string kind = error ? context.field("kind") : "health_professional";
  select_field(h, {.name = "kind", .label = "Verified as", .value = kind, .error = error_for(error, "kind")},
               {{"health_professional", "A health professional"}, {"peer_volunteer", "A trained peer volunteer"}});
  input_field(h, {.name = "profession", .label = "Profession",
                  .hint = "For health professionals, as the badge will say it: \"nurse\" shows as \"Verified nurse\".",
                  .value = value("profession"), .error = error_for(error, "profession"), .required = false,
                  .max_length = static_cast<int>(max_profession_length)});
  input_field(h, {.name = "jurisdiction", .label = "Registered or trained in",
                  .hint = "The country or region, for example \"Scotland\". Only platform admins see it.",
                  .value = value("jurisdiction"), .error = error_for(error, "jurisdiction"),
                  .max_length = static_cast<int>(max_jurisdiction_length)});
  h.m("<button type=\"submit\" class=\"button\">Verify</button></form></section>");
}

void verification_row(Html& h, const PageContext& context, const verifications::Listed& row, const TimeFormatter& time) {
  const auto& v = row.verification;
  h.m("<tr><td>").t(row.login_name).m("</td><td>").t(badge_label(v.badge())).m("</td><td>").t(v.jurisdiction)
      .m("</td><td>").t(time.local(v.verified_at)).m("</td><td>");
  if (v.revoked_at) {
    h.m("Revoked ").t(time.local(*v.revoked_at));
  } else {
    h.m("<form method=\"post\" action=\"/admin/verifications/revoke\">");
    csrf_input(h, context);
    h.m("<input type=\"hidden\" name=\"login\" value=\"").t(row.login_name)
        .m("\"><button type=\"submit\" class=\"link-button\">Revoke<span class=\"visually-hidden\"> the verification of ")
        .t(row.login_name).m("</span></button></form>");
  }
  h.m("</td></tr>");
}

Response page(PageContext& context, const std::optional<Error>& error) {
  const auto listed = read_verifications(context.env, context.viewer->account.id);
  if (!listed) return not_for_you(context);
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<p class=\"crumb\"><a href=\"/admin\">Platform admin</a></p><h1>Verified members</h1>");
  if (context.request.query_value("verified")) notice(h, "The member is verified. They can now show their badge.");
  if (context.request.query_value("revoked")) notice(h, "The verification is revoked and its badges are gone.");
  verify_form(h, context, error);
  h.m("<section aria-labelledby=\"list-h\"><h2 id=\"list-h\">Verifications</h2>");
  if (listed->empty()) {
    h.m("<p>Nobody is verified yet.</p>");
  } else {
    h.m("<table><thead><tr><th scope=\"col\">Login name</th><th scope=\"col\">Badge</th><th scope=\"col\">Registered "
        "or trained in</th><th scope=\"col\">Verified</th><th scope=\"col\">Status</th></tr></thead><tbody>");
    for (const auto& row : *listed) verification_row(h, context, row, time);
    h.m("</tbody></table>");
  }
  h.m("</section>");
  return render_page(context, {.title = "Verified members"}, h, error ? status_for(*error) : 200);
}

Response show(PageContext& context) { return page(context, std::nullopt); }

Response verify(PageContext& context) {
  const auto kind = parse_verification_kind(context.field("kind"));
  Status done = kind ? do_verify_member(context.env, context.viewer->account.id, context.field("login"),
                                        {*kind, context.field("profession"), context.field("jurisdiction")})
                     : Status(make_error(ErrorCode::invalid_input, "Please choose what the member is verified as.", "kind"));
  if (done) return redirect_see_other("/admin/verifications?verified=1");
  if (done.error().code == ErrorCode::forbidden) return not_for_you(context);
  return page(context, done.error());
}

Response revoke(PageContext& context) {
  const Status done = do_revoke_verification(context.env, context.viewer->account.id, context.field("login"));
  if (done) return redirect_see_other("/admin/verifications?revoked=1");
  if (done.error().code == ErrorCode::forbidden) return not_for_you(context);
  return page(context, done.error());
}

}  // namespace

void add_admin_verifications_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/admin/verifications", web_page(env, members, show), "web.admin.verifications"});
  routes.push_back({Method::post, "/admin/verifications", web_page(env, members, verify), "web.admin.verifications.add"});
  routes.push_back({Method::post, "/admin/verifications/revoke", web_page(env, members, revoke),
                    "web.admin.verifications.revoke"});
}

}  // namespace hearth
