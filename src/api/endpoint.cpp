#include "api/endpoint.hpp"

#include "api/json_io.hpp"
#include "policy/csrf.hpp"

namespace hearth {
namespace {

bool changes_state(Method method) {
  return method == Method::post || method == Method::put || method == Method::patch || method == Method::delete_;
}

}  // namespace

std::string session_cookie(std::string_view token, int64_t max_age_seconds, bool secure) {
  return format_set_cookie(session_cookie_name, token,
                           CookieOptions{.http_only = true, .secure = secure, .same_site = "Lax",
                                         .max_age_seconds = token.empty() ? int64_t{0} : max_age_seconds});
}

Handler api_endpoint(const ActionEnvironment& env, Access access, ApiHandler handler) {
  return [&env, access, handler = std::move(handler)](Request& request) -> Response {
    ApiCall call{request, std::nullopt, false};
    if (const auto authorization = request.header("Authorization")) {
      constexpr std::string_view scheme = "Bearer ";
      if (authorization->substr(0, scheme.size()) != scheme) {
        return json_error(401, "unauthorized", "Send your token as \"Authorization: Bearer <token>\".");
      }
      call.viewer = authenticate_bearer(env, authorization->substr(scheme.size()));
      if (!call.viewer) return json_error(401, "unauthorized", "That token is not valid. It may have expired or been revoked.");
    } else if (const auto cookie = request.cookie(session_cookie_name)) {
      call.viewer = authenticate_session(env, *cookie);
      call.via_cookie = call.viewer.has_value();
    }
    if (access == Access::member && !call.viewer) {
      return json_error(401, "unauthorized", "Please log in first.");
    }
    if (call.via_cookie && changes_state(request.method)) {
      const std::string expected = csrf_token_for_session(env.secret_key, call.viewer->credential_hash);
      const auto presented = request.header("X-CSRF-Token");
      if (!presented || !csrf_token_matches(expected, *presented)) {
        return json_error(403, "csrf_failed",
                          "This request needs the X-CSRF-Token header from GET /api/v1/me when using the session cookie.");
      }
    }
    return handler(call);
  };
}

}  // namespace hearth
