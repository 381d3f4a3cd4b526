// GET /help: crisis lines and support services for a region. Linked from every page.
#include <algorithm>

#include "domain/country.hpp"
#include "store/support_services.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

std::string tel_href(std::string_view number) {
  std::string digits;
  for (const char c : number) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  }
  return digits;
}

void service_card(Html& h, const SupportService& s) {
  if (s.crisis) h.m("<li class=\"card service service-crisis\">");
  else h.m("<li class=\"card service\">");
  h.m("<h3>").t(s.name).m("</h3>");
  if (s.crisis) h.m("<p class=\"badge-crisis\">Crisis line</p>");
  h.m("<p>")
      .t(s.description).m("</p><dl class=\"service-ways\">");
  if (!s.phone.empty()) {
    h.m("<dt>Call</dt><dd><a href=\"tel:").t(tel_href(s.phone)).m("\">").t(s.phone).m("</a></dd>");
  }
  if (!s.text_number.empty()) h.m("<dt>Text</dt><dd>").t(s.text_number).m("</dd>");
  if (!s.hours.empty()) h.m("<dt>When</dt><dd>").t(s.hours).m("</dd>");
  if (!s.website.empty()) {
    h.m("<dt>Website</dt><dd><a href=\"").t(s.website).m("\" rel=\"noopener noreferrer\">").t(s.website)
        .m("</a></dd>");
  }
  h.m("</dl></li>");
}

Response help(PageContext& context) {
  std::string region = context.request.query_value("region").value_or("");
  if (region.empty() && context.viewer) region = context.viewer->account.region;
  const Country* country = region.empty() ? nullptr : find_country(region);
  const auto services = country ? context.env.store.read([&](Connection& c) {
    return support_services::for_region(c, std::string(country->code));
  }) : std::vector<SupportService>{};
  const auto listed = context.env.store.read([](Connection& c) { return support_services::regions(c); });

  Html h;
  h.m("<h1>Get help now</h1>");
  h.m("<div class=\"alert alert-urgent\" role=\"note\"><p><strong>If you or someone else is in danger right now</strong>, "
      "call your local emergency number");
  if (country && !country->emergency_number.empty()) {
    // Numbers like "112 or 999" or "110 (police)": the first number is the one to tap.
    const std::string first = tel_href(country->emergency_number.substr(0, country->emergency_number.find_first_of(" (")));
    h.m(" — in ").t(country->name).m(" that is <a class=\"emergency-number\" href=\"tel:").t(first).m("\">")
        .t(country->emergency_number).m("</a>");
  }
  h.m(".</p></div>");
  h.m("<form method=\"get\" action=\"/help\" class=\"region-picker\">");
  std::vector<Option> options{{"", "Choose your country or region"}};
  for (const auto& code : listed) {
    if (const Country* c = find_country(code)) options.push_back({std::string(c->code), std::string(c->name)});
  }
  if (country && std::find(listed.begin(), listed.end(), std::string(country->code)) == listed.end()) {
    options.push_back({std::string(country->code), std::string(country->name)});
  }
  select_field(h, {.name = "region", .label = "Show services for", .value = country ? std::string(country->code) : "",
                   .required = true}, options);
  h.m("<button type=\"submit\" class=\"button button-quiet\">Show</button></form>");
  if (region.size() > 0 && !country) {
    h.m("<p>We don't know the region code \"").t(region).m("\". Please choose from the list.</p>");
  } else if (country && services.empty()) {
    h.m("<p>We don't have a list of services for ").t(country->name)
        .m(" yet. Your doctor, a local hospital or your emergency number can point you to help nearby.</p>");
  } else if (country) {
    h.m("<h2>Support in ").t(country->name).m("</h2><ul class=\"cards services\">");
    for (const auto& service : services) service_card(h, service);
    h.m("</ul>");
  } else {
    h.m("<p>Choose your country or region to see crisis lines and support services. ");
    if (context.viewer) h.m("You can also <a href=\"/settings\">set your region in settings</a> so this page remembers it.");
    h.m("</p>");
  }
  h.m("<p class=\"hint\">Hearth is peer support. It does not replace professional care. The services above are run by "
      "other organisations; Hearth shares nothing about you with them.</p>");
  return render_page(context, {.title = "Get help now", .indexable = true}, h);
}

}  // namespace

void add_help_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/help", web_page(env, PageAccess::anyone, help), "web.help"});
}

}  // namespace hearth
