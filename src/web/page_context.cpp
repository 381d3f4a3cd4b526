#include "web/page_context.hpp"

#include "core/crypto.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "core/time_zone.hpp"
#include "policy/csrf.hpp"
#include "web/error_page.hpp"

namespace hearth {

std::string PageContext::field(std::string_view name) const {
  for (const auto& [key, value] : form) {
    if (key == name) return value;
  }
  return {};
}

bool PageContext::has_field(std::string_view name) const {
  for (const auto& entry : form) {
    if (entry.first == name) return true;
  }
  return false;
}

const std::string& PageContext::csrf_token() const {
  if (!csrf_.empty()) return csrf_;
  if (viewer) return csrf_ = csrf_token_for_session(env.secret_key, viewer->credential_hash);
  std::string nonce = request.cookie(guest_cookie_name).value_or("");
  if (nonce.size() < 16 || nonce.size() > 64) {
    nonce = random_token(24);
    set_cookies.push_back(
        format_set_cookie(guest_cookie_name, nonce, CookieOptions{.http_only = true, .secure = request.secure}));
  }
  return csrf_ = csrf_token_for_guest(env.secret_key, nonce);
}

std::string PageContext::time_zone() const {
  if (viewer && !viewer->account.time_zone.empty()) return viewer->account.time_zone;
  if (auto detected = request.cookie(time_zone_cookie_name); detected && is_valid_time_zone(*detected)) return *detected;
  return {};
}

std::string csrf_for_new_session(const ActionEnvironment& env, const NewSession& session) {
  return csrf_token_for_session(env.secret_key, hash_secret(session.token));
}

Handler web_page(const ActionEnvironment& env, PageAccess access, PageHandler handler) {
  return [&env, access, handler = std::move(handler)](Request& request) -> Response {
    PageContext context{request, env, std::nullopt, {}, {}, {}};
    if (auto token = request.cookie(web_session_cookie_name)) context.viewer = authenticate_session(env, *token);

    // Pages echo query values (an unknown region, a search); refuse bytes that are not text.
    for (const auto& [key, value] : parse_form(request.query)) {
      if (!is_valid_utf8(key) || !is_valid_utf8(value)) {
        return render_error_page(request, 400, "The address contained text we couldn't read. Please check the link.");
      }
    }
    if (request.method == Method::post) {
      const auto type = request.header("Content-Type").value_or("");
      if (!request.body.empty() && to_lower_ascii(type).find("application/x-www-form-urlencoded") == std::string::npos) {
        return render_error_page(request, 415, "This address accepts form submissions only.");
      }
      context.form = parse_form(request.body);
      for (const auto& [key, value] : context.form) {
        if (!is_valid_utf8(key) || !is_valid_utf8(value)) {
          return render_error_page(request, 400, "The form contained text we couldn't read. Please go back and try again.");
        }
      }
      if (!csrf_token_matches(context.csrf_token(), context.field("csrf"))) {
        return render_error_page(request, 403,
                                 "This form has expired, or it came from somewhere else. Please go back, reload "
                                 "the page and try again.");
      }
    }

    if (access == PageAccess::members_only && !context.viewer) {
      Response response = redirect_see_other("/login?next=" + percent_encode(request.path));
      for (auto& cookie : context.set_cookies) response.headers.emplace_back("Set-Cookie", cookie);
      return response;
    }
    Response response = handler(context);
    for (auto& cookie : context.set_cookies) response.headers.emplace_back("Set-Cookie", cookie);
    return response;
  };
}

}  // namespace hearth
