#include "policy/group_access.hpp"
#include "web/group_views.hpp"

#include <charconv>

#include "domain/country.hpp"
#include "store/groups.hpp"
#include "store/support_services.hpp"
#include "web/error_page.hpp"
#include "web/layout.hpp"
#include "core/markdown.hpp"

namespace hearth {
namespace {

std::string tel_href(std::string_view number) {
  std::string digits;
  for (const char c : number) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  }
  return digits;
}

}  // namespace

std::optional<GroupInView> group_from_path(const PageContext& context) {
  const std::string slug = context.request.param("slug").value_or("");
  std::optional<AccountId> account;
  if (context.viewer) account = context.viewer->account.id;
  return find_group_for(context.env, slug, account);
}

Response group_not_found_page(PageContext& context) { return render_not_found(context); }

Response message_page(PageContext& context, int status, std::string_view title, std::string_view message,
                      std::string_view back_href, std::string_view back_label) {
  Html h;
  h.m("<section class=\"card narrow\"><h1>").t(title).m("</h1><p>").t(message).m("</p><p><a href=\"").t(back_href)
      .m("\">").t(back_label).m("</a></p></section>");
  return render_page(context, {.title = std::string(title)}, h, status);
}

int status_for(const Error& error) {
  switch (error.code) {
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::invalid_input: return 400;
  }
  return 400;
}

std::optional<int64_t> parse_id(std::string_view text) {
  int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string group_url(const Group& group, std::string_view rest) {
  std::string url = "/g/" + group.slug;
  url += rest;
  return url;
}

std::string_view privacy_label(Privacy privacy) {
  switch (privacy) {
    case Privacy::public_group: return "Public group";
    case Privacy::private_group: return "Private group";
    case Privacy::hidden_group: return "Hidden group";
  }
  return "Hidden group";
}

GroupFacts load_group_facts(const ActionEnvironment& env, const Group& group, std::string_view fallback_region) {
  const UnixMillis now = env.clock.now();
  std::string region = group.region.empty() ? std::string(fallback_region) : group.region;
  if (!region.empty() && !find_country(region)) region.clear();
  return env.store.read([&](Connection& c) {
    GroupFacts facts;
    facts.rules = groups::rules(c, group.id);
    facts.questions = groups::questions(c, group.id);
    facts.group_services = groups::services(c, group.id);
    if (!region.empty()) facts.regional_services = support_services::for_region(c, region);
    facts.services_region = region;
    facts.transparency = load_transparency_facts(c, group, now);
    return facts;
  });
}

void rules_list(Html& h, const std::vector<std::string>& rules) {
  h.m("<ol class=\"rules\">");
  for (const auto& rule : rules) h.m("<li>").t(rule).m("</li>");
  h.m("</ol>");
}

void rules_card(Html& h, const std::vector<std::string>& rules) {
  h.m("<section class=\"card\" aria-labelledby=\"rules\"><h2 id=\"rules\">Group rules</h2>");
  if (rules.empty()) h.m("<p>This group has no rules of its own yet. Be kind; Hearth's basic courtesy applies.</p>");
  else rules_list(h, rules);
  h.m("</section>");
}

void services_card(Html& h, const GroupFacts& facts) {
  h.m("<section class=\"card services-side\" aria-labelledby=\"support\"><h2 id=\"support\">Support services</h2>");
  if (facts.group_services.empty() && facts.regional_services.empty()) {
    h.m("<p>If you need help now, <a href=\"/help\">find crisis lines for your region</a>.</p></section>");
    return;
  }
  h.m("<ul class=\"service-list\">");
  for (const auto& s : facts.group_services) {
    h.m("<li><strong>").t(s.name).m("</strong>");
    if (!s.description.empty()) h.m("<br><span class=\"meta\">").t(s.description).m("</span>");
    if (!s.phone.empty()) h.m("<br><a href=\"tel:").t(tel_href(s.phone)).m("\">").t(s.phone).m("</a>");
    if (!s.website.empty()) {
      h.m("<br><a href=\"").t(s.website).m("\" rel=\"noopener noreferrer\">").t(s.website).m("</a>");
    }
    h.m("</li>");
  }
  for (const auto& s : facts.regional_services) {
    h.m("<li><strong>").t(s.name).m("</strong>");
    if (s.crisis) h.m(" <span class=\"badge-crisis\">Crisis line</span>");
    if (!s.phone.empty()) h.m("<br><a href=\"tel:").t(tel_href(s.phone)).m("\">").t(s.phone).m("</a>");
    if (!s.text_number.empty()) h.m("<br>").t(s.text_number);
    if (!s.hours.empty()) h.m(" <span class=\"meta\">").t(s.hours).m("</span>");
    h.m("</li>");
  }
  h.m("</ul><p class=\"hint\"><a href=\"/help");
  if (!facts.services_region.empty()) h.m("?region=").t(facts.services_region);
  h.m("\">More support services</a></p></section>");
}

void topic_list(Html& h, const std::vector<std::string>& topics) {
  if (topics.empty()) return;
  h.m("<ul class=\"topics\" aria-label=\"Topics\">");
  for (const auto& topic : topics) {
    h.m("<li><a href=\"/groups?topic=").t(percent_encode(topic)).m("\">").t(topic).m("</a></li>");
  }
  h.m("</ul>");
}

void about_html(Html& h, std::string_view about) {
  if (about.empty()) return;
  h.m("<div class=\"prose\">").raw_unescaped(render_markdown(about)).m("</div>");
}

}  // namespace hearth
