// GET /groups: the directory of listed groups (hidden groups never appear), with filters.
#include "policy/group_access.hpp"
#include "core/text.hpp"
#include "domain/country.hpp"
#include "domain/language.hpp"
#include "store/groups.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

std::string limited(std::string text, std::size_t max_chars) {
  text = std::string(trim(text));
  return utf8_length(text) > max_chars ? std::string() : text;
}

void filter_form(Html& h, const groups::DirectoryFilter& filter) {
  h.m("<form method=\"get\" action=\"/groups\" class=\"card filters\" role=\"search\" aria-label=\"Find a group\">");
  input_field(h, {.name = "q", .label = "Search", .type = "search", .hint = "Words from a group's name, description "
                  "or topics.", .value = filter.query, .required = false, .max_length = 100});
  input_field(h, {.name = "topic", .label = "Topic", .value = filter.topic, .required = false, .max_length = 30});
  std::vector<Option> regions{{"", "Any region"}};
  for (const auto& country : all_countries()) regions.push_back({std::string(country.code), std::string(country.name)});
  select_field(h, {.name = "region", .label = "Region", .value = filter.region, .required = false}, regions);
  std::vector<Option> languages{{"", "Any language"}};
  for (const auto& language : all_languages()) {
    languages.push_back({std::string(language.code), std::string(language.english_name)});
  }
  select_field(h, {.name = "language", .label = "Language", .value = filter.language, .required = false}, languages);
  h.m("<div class=\"filter-actions\"><button type=\"submit\" class=\"button\">Find groups</button> "
      "<a href=\"/groups\">Clear</a></div></form>");
}

void group_entry(Html& h, const groups::DirectoryEntry& entry) {
  const Group& g = entry.group;
  h.m("<li class=\"card group-entry\"><h3><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></h3>"
      "<p class=\"meta\">").t(privacy_label(g.privacy));
  if (shows_member_count(g.privacy)) {
    h.m(" · ").num(entry.member_count).t(entry.member_count == 1 ? " member" : " members");
  }
  if (const Country* country = g.region.empty() ? nullptr : find_country(g.region)) h.m(" · ").t(country->name);
  h.m("</p><p>").t(g.description).m("</p><p class=\"hint\">").t(privacy_explained(g.privacy)).m("</p>");
  topic_list(h, g.topics);
  h.m("</li>");
}

Response directory(PageContext& context) {
  const Request& r = context.request;
  groups::DirectoryFilter filter;
  filter.query = limited(r.query_value("q").value_or(""), 100);
  filter.topic = to_lower_ascii(limited(r.query_value("topic").value_or(""), 30));
  const std::string region = r.query_value("region").value_or("");
  const std::string language = r.query_value("language").value_or("");
  const Country* country = region.empty() ? nullptr : find_country(region);
  const Language* lang = language.empty() ? nullptr : find_language(language);
  if (country) filter.region = std::string(country->code);
  if (lang) filter.language = std::string(lang->code);
  const auto entries = context.env.store.read([&](Connection& c) { return groups::directory(c, filter); });

  Html h;
  h.m("<div class=\"page-head\"><h1>Groups</h1>");
  if (context.viewer) h.m("<a class=\"button\" href=\"/groups/new\">Start a group</a>");
  else h.m("<a class=\"button button-quiet\" href=\"/login?next=%2Fgroups%2Fnew\">Log in to start a group</a>");
  h.m("</div>");
  if (r.query_value("left")) notice(h, "You have left the group. Your posts stay, under your pseudonym.");
  h.m("<p class=\"lead\">Find people who share your experience. Hidden groups are not listed; you join them "
      "through an invitation.</p>");
  filter_form(h, filter);
  if ((!region.empty() && !country) || (!language.empty() && !lang)) {
    h.m("<p>We didn't recognise that region or language, so we show groups from everywhere.</p>");
  }
  h.m("<section aria-labelledby=\"results\"><h2 id=\"results\">");
  const bool filtered = !filter.query.empty() || !filter.topic.empty() || country || lang;
  if (entries.empty()) {
    h.t(filtered ? "No groups match" : "No groups yet").m("</h2><p>");
    if (filtered) h.m("Try fewer words, or <a href=\"/groups\">see every group</a>. ");
    if (context.viewer) h.m("You could <a href=\"/groups/new\">start the group you're looking for</a>.");
    h.m("</p></section>");
  } else {
    h.t(filtered ? "Matching groups" : "All groups").m("</h2><ul class=\"group-list\">");
    for (const auto& entry : entries) group_entry(h, entry);
    h.m("</ul></section>");
  }
  h.m("<form method=\"get\" action=\"/search\" class=\"card search-form\" role=\"search\" "
      "aria-label=\"Search conversations\"><h2>Looking for a conversation?</h2>");
  // Written out: the group filter above already has a field named "q" (ids must differ).
  h.m("<div class=\"field\"><label for=\"post-q\">Search posts</label><p class=\"hint\" id=\"post-q-hint\">"
      "Searches the conversations of every group you can read.</p><input id=\"post-q\" name=\"q\" type=\"search\" "
      "aria-describedby=\"post-q-hint\"></div><button type=\"submit\" class=\"button\">Search posts</button>"
      "</form>");
  // Not indexed: it lists groups whose admins have not opted in to search engines.
  return render_page(context, {.title = "Groups"}, h);
}

}  // namespace

void add_directory_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/groups", web_page(env, PageAccess::anyone, directory), "web.groups"});
}

}  // namespace hearth
