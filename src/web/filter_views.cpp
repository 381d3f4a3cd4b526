#include "web/filter_views.hpp"

#include <boost/json/object.hpp>

#include <algorithm>

#include "api/filter_json.hpp"
#include "api/json_io.hpp"
#include "domain/country.hpp"
#include "store/support_services.hpp"
#include "web/forms.hpp"
#include "web/layout.hpp"

namespace hearth {
namespace {

void hidden(Html& h, std::string_view name, std::string_view value) {
  h.m("<input type=\"hidden\" name=\"").t(name).m("\" value=\"").t(value).m("\">");
}

std::string tel_digits(std::string_view number) {
  std::string digits;
  for (const char c : number) {
    if ((c >= '0' && c <= '9') || (c == '+' && digits.empty())) digits += c;
  }
  return digits;
}

// "Before you post" and why, in the words the filters chose.
void prompt_intro(Html& h, const FilterPrompt& prompt) {
  h.m("<div class=\"alert alert-urgent filter-message\" role=\"alert\">");
  for (const auto& message : prompt.messages) h.m("<p>").t(message).m("</p>");
  h.m("</div>");
}

void crisis_lines_of(Html& h, const Country& country, const std::vector<SupportService>& lines) {
  h.m("<h3>").t(country.name).m("</h3>");
  if (!country.emergency_number.empty()) {
    const std::string first = tel_digits(country.emergency_number.substr(0, country.emergency_number.find_first_of(" (")));
    h.m("<p>In an emergency: <a class=\"emergency-number\" href=\"tel:").t(first).m("\">").t(country.emergency_number)
        .m("</a></p>");
  }
  if (lines.empty()) return;
  h.m("<ul class=\"service-list\">");
  for (const auto& s : lines) {
    h.m("<li><strong>").t(s.name).m("</strong>");
    if (!s.phone.empty()) h.m(" · Call <a href=\"tel:").t(tel_digits(s.phone)).m("\">").t(s.phone).m("</a>");
    if (!s.text_number.empty()) h.m(" · ").t(s.text_number);  // "Text SHOUT to 85258"
    if (!s.hours.empty()) h.m(" · ").t(s.hours);
    h.m("</li>");
  }
  h.m("</ul>");
}

}  // namespace

FilterChoice filter_choice(const PageContext& context) {
  return FilterChoice{.post_anyway = context.field("confirm") == "1", .after_nudge = prompt_nudged(context)};
}

bool prompt_cancelled(const PageContext& context) {
  return context.field("cancel") == "1";
}

bool prompt_edit(const PageContext& context) {
  return context.field("edit") == "1";
}

bool prompt_nudged(const PageContext& context) {
  return context.field("nudged") == "1";
}

bool wants_json(const PageContext& context) {
  const auto accept = context.request.header("accept");
  return accept && accept->find("application/json") != std::string_view::npos;
}

Response prompt_json(const FilterPrompt& prompt) {
  Response response = json_response(409, boost::json::object{{"prompt", filter_prompt_json(prompt)}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

Response posted_json(std::string_view location) {
  Response response = json_response(200, boost::json::object{{"location", location}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

void marked_text(Html& h, std::string_view text, const std::vector<safety::Span>& spans) {
  h.m("<div class=\"prompt-text\">");
  std::size_t at = 0;
  for (const safety::Span& s : spans) {
    if (s.begin < at || s.end > text.size() || s.begin >= s.end) continue;
    h.t(text.substr(at, s.begin - at)).m("<mark>").t(text.substr(s.begin, s.end - s.begin)).m("</mark>");
    at = s.end;
  }
  h.t(text.substr(at)).m("</div>");
}

void blocked_preview(Html& h, const FilterPrompt& prompt) {
  if (prompt.title_spans.empty() && prompt.body_spans.empty()) return;
  h.m("<div class=\"card filter-preview\"><p>The words concerned are marked:</p>");
  if (!prompt.title_spans.empty()) marked_text(h, prompt.title, prompt.title_spans);
  if (!prompt.body_spans.empty()) marked_text(h, prompt.body, prompt.body_spans);
  h.m("</div>");
}

Response prompt_page(PageContext& context, const PromptForm& form, const FilterPrompt& prompt) {
  Html h;
  h.m("<section class=\"card narrow-wide filter-prompt\" aria-labelledby=\"prompt-h\"><h1 id=\"prompt-h\">")
      .t(form.heading).m("</h1>");
  prompt_intro(h, prompt);
  h.m("<h2>What you wrote</h2>");
  if (form.with_title) marked_text(h, prompt.title, prompt.title_spans);
  marked_text(h, prompt.body, prompt.body_spans);
  h.m("<form method=\"post\" action=\"").t(form.action).m("\">");
  csrf_input(h, context);
  if (!form.idempotency_key.empty()) hidden(h, "idempotency_key", form.idempotency_key);
  if (form.with_title) hidden(h, "title", prompt.title);
  hidden(h, "body", prompt.body);
  if (!form.content_warning.empty()) hidden(h, "content_warning", form.content_warning);
  if (form.anonymous) hidden(h, "anonymous", "1");
  if (prompt.kindness) hidden(h, "nudged", "1");
  for (const auto& [name, value] : form.extra) hidden(h, name, value);
  h.m("<div class=\"actions\"><button type=\"submit\" class=\"button\" name=\"edit\" value=\"1\">Edit</button>"
      "<button type=\"submit\" class=\"button button-quiet\" name=\"confirm\" value=\"1\">Post anyway</button>"
      "<button type=\"submit\" class=\"button button-quiet\" name=\"cancel\" value=\"1\">Cancel</button></div>"
      "<p class=\"hint\">Edit takes you back to your words. Cancel leaves without posting.</p></form></section>");
  Response response = render_page(context, {.title = form.heading}, h, 409);
  response.set_header("Cache-Control", "no-store");
  return response;
}

std::vector<std::string> crisis_regions_for(const PageContext& context, std::string_view group_region) {
  std::vector<std::string> regions;
  if (context.viewer && !context.viewer->account.region.empty()) regions.push_back(context.viewer->account.region);
  if (!group_region.empty() && std::find(regions.begin(), regions.end(), group_region) == regions.end()) {
    regions.emplace_back(group_region);
  }
  return regions;
}

void crisis_lines_card(Html& h, const PageContext& context, const std::vector<std::string>& regions,
                       std::string_view posted_href) {
  h.m("<section id=\"support\" class=\"card crisis-card\" aria-labelledby=\"support-h\"><h2 id=\"support-h\">"
      "You don't have to go through this alone</h2><p>If things feel too much right now, these people are there to "
      "listen, day or night. If you are in danger, please call your local emergency number.</p>");
  bool any = false;
  for (const std::string& region : regions) {
    const Country* country = find_country(region);
    if (!country) continue;
    auto lines = context.env.store.read([&](Connection& c) {
      return support_services::for_region(c, std::string(country->code));
    });
    std::erase_if(lines, [](const SupportService& s) { return !s.crisis; });
    crisis_lines_of(h, *country, lines);
    any = true;
  }
  h.m("<p><a class=\"button\" href=\"/help");
  if (!regions.empty()) h.m("?region=").t(regions.front());
  h.m("\">");
  h.t(any ? "More support near you" : "Find a crisis line near you").m("</a></p>");
  if (!posted_href.empty()) {
    h.m("<p class=\"hint\">Your post is in the conversation: <a href=\"").t(posted_href)
        .m("\">read it, and the replies as they come</a>.</p>");
  }
  h.m("</section>");
}

std::string with_query(std::string url, std::string_view parameter) {
  const std::size_t hash = std::min(url.find('#'), url.size());
  const std::size_t question = url.find('?');
  const bool has_query = question != std::string::npos && question < hash;
  url.insert(hash, std::string(has_query ? "&" : "?") + std::string(parameter));
  return url;
}

}  // namespace hearth
