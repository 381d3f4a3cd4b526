#pragma once
// How an API handler learns who is calling: a bearer token (session or personal access
// token), or the session cookie — and then, for a state-changing request, the CSRF header.
#include <functional>
#include <optional>
#include <string>

#include "actions/environment.hpp"
#include "actions/sessions.hpp"
#include "core/http_message.hpp"

namespace hearth {

inline constexpr std::string_view session_cookie_name = "hearth_session";

struct ApiCall {
  Request& request;
  std::optional<Viewer> viewer;
  bool via_cookie = false;
};

enum class Access { anyone, member };

using ApiHandler = std::function<Response(ApiCall&)>;

// Wraps an API handler: resolves the viewer, answers 401 when `access` needs a member,
// 403 csrf_failed for a cookie-authenticated state change without a valid X-CSRF-Token.
Handler api_endpoint(const ActionEnvironment& env, Access access, ApiHandler handler);

// The Set-Cookie value that stores a new session (or clears it when token is empty).
std::string session_cookie(std::string_view token, int64_t max_age_seconds, bool secure);

}  // namespace hearth
