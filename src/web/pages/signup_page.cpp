// GET/POST /signup: an account with just a login name and a password.
#include "actions/sessions.hpp"
#include "api/endpoint.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/recovery_codes_view.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

int status_for_error(ErrorCode code) {
  return code == ErrorCode::rate_limited ? 429 : code == ErrorCode::conflict ? 409 : 400;
}

Response form(PageContext& context, const std::optional<Error>& error, int status) {
  Html h;
  h.m("<section class=\"card narrow\"><h1>Join Hearth</h1>"
      "<p>All you need is a login name and a password. In each group you join you'll get a separate "
      "pseudonym, so nobody can connect your groups.</p>");
  if (error) error_summary(h, *error);
  h.m("<form method=\"post\" action=\"/signup\" novalidate>");
  csrf_input(h, context);
  auto field_error = [&](std::string_view name) { return error && error->field == name ? error->message : ""; };
  input_field(h, {.name = "login", .label = "Login name", .autocomplete = "username",
                  .hint = "Only you will ever see this — it is not shown in groups. Letters, digits, dots, dashes "
                          "and underscores; 3 to 32 characters.",
                  .value = context.field("login"), .error = field_error("login"), .max_length = 32});
  input_field(h, {.name = "password", .label = "Password", .type = "password", .autocomplete = "new-password",
                  .hint = "At least 8 characters. A few words strung together work well.",
                  .error = field_error("password"), .max_length = 256});
  input_field(h, {.name = "recovery_email", .label = "Recovery email", .type = "email", .autocomplete = "email",
                  .hint = "Only used to help you get back in. Never shown to anyone. You'll also get recovery codes.",
                  .value = context.field("recovery_email"), .error = field_error("recovery_email"),
                  .required = false, .max_length = 254});
  h.m("<button type=\"submit\" class=\"button\">Create my account</button></form>"
      "<p>Already have an account? <a href=\"/login\">Log in</a>.</p></section>");
  return render_page(context, {.title = "Join Hearth"}, h, status);
}

Response submit(PageContext& context) {
  const auto& env = context.env;
  auto outcome = do_sign_up(env, {context.field("login"), context.field("password"), context.field("recovery_email"),
                                  context.request.client_key});
  if (!outcome) {
    Response response = form(context, outcome.error(), status_for_error(outcome.error().code));
    if (outcome.error().retry_after_seconds > 0) {
      response.set_header("Retry-After", std::to_string(outcome.error().retry_after_seconds));
    }
    return response;
  }
  const NewSession session = do_open_session(env, outcome->account_id);
  Html h;
  h.m("<h1>Welcome to Hearth</h1>");
  notice(h, "Your account is ready and you are logged in.");
  recovery_codes_view(h, outcome->recovery_codes);
  h.m("<p><a class=\"button\" href=\"/\">I've saved my codes — continue</a></p>");
  Response response;
  response.body = render_layout({.title = "Welcome"}, true, csrf_for_new_session(env, session), h.str());
  response.headers.emplace_back("Set-Cookie",
                                session_cookie(session.token, env.session_lifetime_ms / 1000, context.request.secure));
  return response;
}

}  // namespace

void add_signup_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/signup",
                    web_page(env, PageAccess::anyone,
                             [](PageContext& c) {
                               if (c.viewer) return redirect_see_other("/");
                               return form(c, std::nullopt, 200);
                             }),
                    "web.signup"});
  routes.push_back({Method::post, "/signup", web_page(env, PageAccess::anyone, submit), "web.signup.submit"});
}

}  // namespace hearth
