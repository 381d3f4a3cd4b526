// GET/POST /login and POST /logout.
#include <algorithm>

#include "actions/sessions.hpp"
#include "api/endpoint.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

// Only same-site paths, so a crafted link cannot send someone elsewhere after logging in.
// Control characters are refused too: browsers drop tabs and line breaks from a Location,
// so "/\t/evil.example" would become "//evil.example".
std::string safe_next(std::string_view next) {
  if (next.empty() || next[0] != '/' || next.substr(0, 2) == "//" || next.find('\\') != std::string_view::npos ||
      std::any_of(next.begin(), next.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; })) {
    return "/";
  }
  return std::string(next);
}

Response form(PageContext& context, const std::optional<Error>& error, int status) {
  const std::string next = context.request.method == Method::post ? context.field("next")
                                                                  : context.request.query_value("next").value_or("");
  Html h;
  h.m("<section class=\"card narrow\"><h1>Log in</h1>");
  if (context.request.query_value("recovered")) notice(h, "Your new password is set. Please log in with it.");
  if (error) error_summary(h, *error);
  h.m("<form method=\"post\" action=\"/login\" novalidate>");
  csrf_input(h, context);
  h.m("<input type=\"hidden\" name=\"next\" value=\"").t(safe_next(next)).m("\">");
  input_field(h, {.name = "login", .label = "Login name", .autocomplete = "username",
                  .value = context.field("login"), .max_length = 256});
  input_field(h, {.name = "password", .label = "Password", .type = "password", .autocomplete = "current-password",
                  .max_length = 1024});
  h.m("<button type=\"submit\" class=\"button\">Log in</button></form>"
      "<p><a href=\"/recover\">Forgot your password?</a> Use one of your recovery codes.</p>"
      "<p>New here? <a href=\"/signup\">Join Hearth</a>.</p></section>");
  Response response = render_page(context, {.title = "Log in"}, h, status);
  if (error && error->retry_after_seconds > 0) {
    response.set_header("Retry-After", std::to_string(error->retry_after_seconds));
  }
  return response;
}

Response submit(PageContext& context) {
  auto session = do_log_in(context.env, context.field("login"), context.field("password"), context.request.client_key);
  if (!session) {
    const ErrorCode code = session.error().code;
    const int status = code == ErrorCode::rate_limited ? 429 : code == ErrorCode::invalid_input ? 400 : 401;
    return form(context, session.error(), status);
  }
  Response response = redirect_see_other(safe_next(context.field("next")));
  response.headers.emplace_back("Set-Cookie", session_cookie(session->token, context.env.session_lifetime_ms / 1000,
                                                             context.request.secure));
  return response;
}

Response log_out(PageContext& context) {
  if (context.viewer) do_end_session(context.env, context.viewer->credential_hash);
  Response response = redirect_see_other("/");
  response.headers.emplace_back("Set-Cookie", session_cookie("", 0, context.request.secure));
  return response;
}

}  // namespace

void add_login_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/login",
                    web_page(env, PageAccess::anyone,
                             [](PageContext& c) {
                               if (c.viewer) return redirect_see_other("/");
                               return form(c, std::nullopt, 200);
                             }),
                    "web.login"});
  routes.push_back({Method::post, "/login", web_page(env, PageAccess::anyone, submit), "web.login.submit"});
  routes.push_back({Method::post, "/logout", web_page(env, PageAccess::anyone, log_out), "web.logout"});
}

}  // namespace hearth
