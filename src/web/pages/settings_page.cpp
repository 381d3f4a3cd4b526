// GET /settings and its forms: preferences, password, sessions, recovery codes, tokens.
#include <charconv>

#include "actions/account_settings.hpp"
#include "actions/sessions.hpp"
#include "api/endpoint.hpp"
#include "core/time_zone.hpp"
#include "domain/country.hpp"
#include "domain/language.hpp"
#include "store/access_tokens.hpp"
#include "store/recovery_codes.hpp"
#include "store/sessions.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/pages/recovery_codes_view.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct Outcome {
  std::optional<Error> error;
  std::string message;                       // a confirmation
  std::vector<std::string> recovery_codes;   // freshly made, shown once
  std::optional<NewAccessToken> new_token;   // freshly made, shown once
};

const char* saved_message(std::string_view what) {
  if (what == "preferences") return "Your preferences are saved.";
  if (what == "password") return "Your password is changed. You were logged out on your other devices.";
  if (what == "token-revoked") return "The access token was revoked.";
  return nullptr;
}

void preferences_form(Html& h, const PageContext& context, const Outcome& outcome) {
  const Account& account = context.viewer->account;
  auto field_error = [&](std::string_view name) {
    return outcome.error && outcome.error->field == name ? outcome.error->message : "";
  };
  h.m("<section class=\"card\" aria-labelledby=\"prefs\"><h2 id=\"prefs\">Time, place and language</h2>"
      "<form method=\"post\" action=\"/settings/preferences\">");
  csrf_input(h, context);
  const std::string detected = context.request.cookie(time_zone_cookie_name).value_or("");
  std::vector<Option> zones{{"", is_valid_time_zone(detected) ? "Use my browser's time zone (" + detected + ")"
                                                                : "Use my browser's time zone"}};
  for (const auto& zone : all_time_zones()) {
    // "America/Argentina/Salta" is listed under America as "Argentina / Salta".
    const auto slash = zone.find('/');
    std::string city = slash == std::string::npos ? zone : zone.substr(slash + 1);
    std::string readable;
    for (const char c : city) {
      if (c == '/') readable += " / ";
      else readable += c == '_' ? ' ' : c;
    }
    zones.push_back({zone, readable, slash == std::string::npos ? "Other" : zone.substr(0, slash)});
  }
  select_field(h, {.name = "time_zone", .label = "Time zone", .hint = "Every time on Hearth is shown in this zone.",
                   .value = account.time_zone, .error = field_error("time_zone")}, zones);
  std::vector<Option> regions{{"", "I'd rather not say"}};
  for (const auto& country : all_countries()) regions.push_back({std::string(country.code), std::string(country.name)});
  select_field(h, {.name = "region", .label = "Country or region", .autocomplete = "country",
                   .hint = "Used to show support services near you. Never shown to other members.",
                   .value = account.region, .error = field_error("region")}, regions);
  std::vector<Option> languages;
  for (const auto& language : all_languages()) {
    languages.push_back({std::string(language.code), std::string(language.native_name) +
                                                         (language.native_name == language.english_name
                                                              ? ""
                                                              : " (" + std::string(language.english_name) + ")")});
  }
  select_field(h, {.name = "language", .label = "Preferred language", .autocomplete = "language",
                   .hint = "Hearth's own pages are in English for now; this helps you find groups in your language.",
                   .value = account.language, .error = field_error("language")}, languages);
  h.m("<button type=\"submit\" class=\"button\">Save preferences</button></form></section>");
}

void password_form(Html& h, const PageContext& context, const Outcome& outcome) {
  auto field_error = [&](std::string_view name) {
    return outcome.error && outcome.error->field == name ? outcome.error->message : "";
  };
  h.m("<section class=\"card\" aria-labelledby=\"pw\"><h2 id=\"pw\">Password</h2>"
      "<form method=\"post\" action=\"/settings/password\" novalidate>");
  csrf_input(h, context);
  input_field(h, {.name = "current_password", .label = "Current password", .type = "password",
                  .autocomplete = "current-password", .error = field_error("current_password"), .max_length = 1024});
  input_field(h, {.name = "new_password", .label = "New password", .type = "password", .autocomplete = "new-password",
                  .hint = "At least 8 characters.", .error = field_error("new_password"), .max_length = 256});
  h.m("<button type=\"submit\" class=\"button\">Change password</button></form></section>");
}

void security_section(Html& h, const PageContext& context) {
  const AccountId id = context.viewer->account.id;
  const UnixMillis now = context.env.clock.now();
  struct Counts {
    int64_t sessions, codes;
    std::vector<access_tokens::AccessToken> tokens;
  };
  const Counts counts = context.env.store.read([&](Connection& c) {
    return Counts{sessions::count_for(c, id, now), recovery_codes::count_unused(c, id), access_tokens::list_for(c, id)};
  });
  h.m("<section class=\"card\" aria-labelledby=\"sessions\"><h2 id=\"sessions\">Where you're logged in</h2><p>You are "
      "logged in on ").num(counts.sessions);
  if (counts.sessions == 1) h.m(" device or browser.");
  else h.m(" devices or browsers.");
  h.m("</p><form method=\"post\" action=\"/settings/logout-everywhere\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button button-quiet\">Log out everywhere</button></form></section>");

  h.m("<section class=\"card\" aria-labelledby=\"recovery\"><h2 id=\"recovery\">Recovery codes</h2><p>You have ")
      .num(counts.codes).m(" unused recovery code");
  if (counts.codes != 1) h.m("s");
  h.m(". Making new codes replaces all the old ones.</p><form method=\"post\" action=\"/settings/recovery-codes\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button button-quiet\">Make new recovery codes</button></form></section>");

  h.m("<section class=\"card\" aria-labelledby=\"tokens\"><h2 id=\"tokens\">Personal access tokens</h2>"
      "<p>For your own scripts and apps using the Hearth API. Treat them like passwords.</p>");
  if (counts.tokens.empty()) h.m("<p>You have no access tokens.</p>");
  else {
    h.m("<ul class=\"token-list\">");
    for (const auto& token : counts.tokens) {
      h.m("<li><span class=\"token-name\">").t(token.name).m("</span> <span class=\"meta\">made <time datetime=\"")
          .t(format_rfc3339(token.created_at)).m("\">").t(format_relative(token.created_at, now, context.time_zone()))
          .m("</time></span><form method=\"post\" class=\"inline-form\" action=\"/settings/tokens/").num(token.id)
          .m("/revoke\">");
      csrf_input(h, context);
      h.m("<button type=\"submit\" class=\"link-button\">Revoke<span class=\"visually-hidden\"> ").t(token.name)
          .m("</span></button></form></li>");
    }
    h.m("</ul>");
  }
  h.m("<form method=\"post\" action=\"/settings/tokens\">");
  csrf_input(h, context);
  input_field(h, {.name = "name", .label = "New token name", .hint = "So you can recognise it later, e.g. \"my backup script\".",
                  .max_length = static_cast<int>(max_token_name_length)});
  h.m("<button type=\"submit\" class=\"button button-quiet\">Create token</button></form></section>");
}

Response settings(PageContext& context, const Outcome& outcome, int status = 200) {
  Html h;
  h.m("<h1>Settings</h1>");
  if (outcome.error) error_summary(h, *outcome.error);
  if (!outcome.message.empty()) notice(h, outcome.message);
  if (const auto saved = context.request.query_value("saved")) {
    if (const char* message = saved_message(*saved)) notice(h, message);
  }
  if (!outcome.recovery_codes.empty()) recovery_codes_view(h, outcome.recovery_codes);
  if (outcome.new_token) {
    h.m("<section class=\"card\" aria-labelledby=\"newtoken\"><h2 id=\"newtoken\">Your new token</h2>"
        "<p>Copy it now: this is the only time it is shown.</p><p><code class=\"new-token\">")
        .t(outcome.new_token->token).m("</code></p></section>");
  }
  h.m("<section class=\"card\" aria-labelledby=\"account\"><h2 id=\"account\">Your account</h2><p>Login name: <strong>")
      .t(context.viewer->account.login_name)
      .m("</strong></p><p class=\"hint\">Only you can see your login name. Other members only ever see the pseudonym "
         "you use in each group.</p></section>");
  h.m("<section class=\"card\" aria-labelledby=\"safety\"><h2 id=\"safety\">Reports and moderators</h2><p><a "
      "href=\"/me/reports\">Your reports</a> and what came of them. <a href=\"/me/notices\">Messages from "
      "moderators</a> to you. <a href=\"/settings/mute-words\">Your mute words</a>: posts with them are "
      "folded away for you. <a href=\"/settings/blocked\">People you've blocked</a>. <a "
      "href=\"/settings/muted\">Muted conversations and groups</a>.</p></section>");
  preferences_form(h, context, outcome);
  password_form(h, context, outcome);
  security_section(h, context);
  return render_page(context, {.title = "Settings"}, h, status);
}

int status_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    default: return 400;
  }
}

Response save_preferences(PageContext& context) {
  auto updated = do_update_preferences(context.env, context.viewer->account.id,
                                       {context.field("time_zone"), context.field("region"), context.field("language")});
  if (!updated) return settings(context, {.error = updated.error()}, status_for(updated.error()));
  return redirect_see_other("/settings?saved=preferences");
}

Response change_password(PageContext& context) {
  const Status done = do_change_password(context.env, context.viewer->account.id, context.field("current_password"),
                                         context.field("new_password"), context.viewer->credential_hash);
  if (!done) return settings(context, {.error = done.error()}, status_for(done.error()));
  return redirect_see_other("/settings?saved=password");
}

Response log_out_everywhere(PageContext& context) {
  do_log_out_everywhere(context.env, context.viewer->account.id);
  Response response = redirect_see_other("/login");
  response.headers.emplace_back("Set-Cookie", session_cookie("", 0, context.request.secure));
  return response;
}

Response new_recovery_codes(PageContext& context) {
  return settings(context, {.message = "Here are your new recovery codes. The old ones no longer work.",
                            .recovery_codes = do_regenerate_recovery_codes(context.env, context.viewer->account.id)});
}

Response create_token(PageContext& context) {
  auto token = do_create_access_token(context.env, context.viewer->account.id, context.field("name"));
  if (!token) return settings(context, {.error = token.error()}, status_for(token.error()));
  return settings(context, {.message = "Your access token is ready.", .new_token = *token});
}

Response revoke_token(PageContext& context) {
  const std::string text = context.request.param("id").value_or("");
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  const Status done = ec == std::errc() && end == text.data() + text.size()
                          ? do_revoke_access_token(context.env, context.viewer->account.id, id)
                          : Status(make_error(ErrorCode::not_found, "There is no such access token."));
  if (!done) return settings(context, {.error = done.error()}, status_for(done.error()));
  return redirect_see_other("/settings?saved=token-revoked");
}

}  // namespace

void add_settings_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/settings", web_page(env, members, [](PageContext& c) { return settings(c, {}); }),
                    "web.settings"});
  routes.push_back({Method::post, "/settings/preferences", web_page(env, members, save_preferences),
                    "web.settings.preferences"});
  routes.push_back({Method::post, "/settings/password", web_page(env, members, change_password),
                    "web.settings.password"});
  routes.push_back({Method::post, "/settings/logout-everywhere", web_page(env, members, log_out_everywhere),
                    "web.settings.logout_everywhere"});
  routes.push_back({Method::post, "/settings/recovery-codes", web_page(env, members, new_recovery_codes),
                    "web.settings.recovery_codes"});
  routes.push_back({Method::post, "/settings/tokens", web_page(env, members, create_token), "web.settings.tokens"});
  routes.push_back({Method::post, "/settings/tokens/{id}/revoke", web_page(env, members, revoke_token),
                    "web.settings.tokens.revoke"});
}

}  // namespace hearth
