// GET/POST /recover: set a new password with a one-time recovery code.
#include "actions/account_settings.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

Response form(PageContext& context, const std::optional<Error>& error, int status) {
  Html h;
  h.m("<section class=\"card narrow\"><h1>Get back into your account</h1>"
      "<p>Enter your login name, one of the recovery codes you saved when you joined, and a new password. "
      "Each code works once. You'll be logged out everywhere else.</p>");
  if (error) error_summary(h, *error);
  h.m("<form method=\"post\" action=\"/recover\" novalidate>");
  csrf_input(h, context);
  auto field_error = [&](std::string_view name) { return error && error->field == name ? error->message : ""; };
  input_field(h, {.name = "login", .label = "Login name", .autocomplete = "username", .value = context.field("login"),
                  .error = field_error("login"), .max_length = 256});
  input_field(h, {.name = "code", .label = "Recovery code", .hint = "For example: k7wq-3mzp-x9ad",
                  .error = field_error("code"), .max_length = 64});
  input_field(h, {.name = "new_password", .label = "New password", .type = "password",
                  .autocomplete = "new-password", .hint = "At least 8 characters.",
                  .error = field_error("new_password"), .max_length = 256});
  h.m("<button type=\"submit\" class=\"button\">Set my new password</button></form></section>");
  Response response = render_page(context, {.title = "Recover your account"}, h, status);
  if (error && error->retry_after_seconds > 0) {
    response.set_header("Retry-After", std::to_string(error->retry_after_seconds));
  }
  return response;
}

Response submit(PageContext& context) {
  const Status done = do_recover_account(context.env, context.field("login"), context.field("code"),
                                         context.field("new_password"), context.request.client_key);
  if (!done) {
    const ErrorCode code = done.error().code;
    return form(context, done.error(), code == ErrorCode::rate_limited ? 429 : code == ErrorCode::unauthorized ? 401 : 400);
  }
  return redirect_see_other("/login?recovered=1");
}

}  // namespace

void add_recover_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/recover",
                    web_page(env, PageAccess::anyone, [](PageContext& c) { return form(c, std::nullopt, 200); }),
                    "web.recover"});
  routes.push_back({Method::post, "/recover", web_page(env, PageAccess::anyone, submit), "web.recover.submit"});
}

}  // namespace hearth
