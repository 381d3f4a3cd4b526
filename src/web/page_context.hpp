#pragma once
// What a page handler gets: the request, the viewer (if logged in), the parsed form, the
// CSRF token to put in its forms, and cookies to send back. web_page() builds it and
// enforces the rules every page shares: POSTs carry a valid CSRF token and valid UTF-8,
// members-only pages send guests to the log-in page.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "actions/environment.hpp"
#include "actions/sessions.hpp"
#include "core/http_message.hpp"

namespace hearth {

inline constexpr std::string_view guest_cookie_name = "hearth_csrf";
inline constexpr std::string_view time_zone_cookie_name = "hearth_tz";
inline constexpr std::string_view web_session_cookie_name = "hearth_session";

struct PageContext {
  Request& request;
  const ActionEnvironment& env;
  std::optional<Viewer> viewer;
  std::vector<std::pair<std::string, std::string>> form;
  // Set-Cookie values to send with the response. Mutable: rendering a form may add the
  // guest's CSRF cookie.
  mutable std::vector<std::string> set_cookies;

  // The CSRF token for this page's forms. For a guest without the CSRF cookie, the first
  // call creates one, so pages without forms set no cookie at all.
  const std::string& csrf_token() const;

  // The form field's value, or "" when absent.
  std::string field(std::string_view name) const;
  bool has_field(std::string_view name) const;
  // The zone to show times in: the member's choice, else the one the browser reported.
  std::string time_zone() const;

  mutable std::string csrf_;  // computed on first use
};

enum class PageAccess { anyone, members_only };
using PageHandler = std::function<Response(PageContext&)>;

// The CSRF token for pages rendered right after a session was opened in this request.
std::string csrf_for_new_session(const ActionEnvironment& env, const NewSession& session);

Handler web_page(const ActionEnvironment& env, PageAccess access, PageHandler handler);

}  // namespace hearth
