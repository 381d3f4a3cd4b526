// GET /search?q=…&group=…: posts the viewer may read that match every word, best first,
// with the matched words marked. Permission-aware through actions/search (policy decides
// which groups' posts the viewer may read); a group the viewer may not read filters to
// nothing, exactly like a group without matches, and is never named.
#include "actions/filtering.hpp"
#include "actions/search.hpp"
#include "core/text.hpp"
#include "store/memberships.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

constexpr int results_per_page = 30;

void segments(Html& h, const std::vector<search::Segment>& parts) {
  for (const auto& part : parts) {
    if (part.highlighted) h.m("<mark>").t(part.text).m("</mark>");
    else h.t(part.text);
  }
}

// The groups to filter by: the viewer's own groups, and the chosen one when it is another
// group they may read (a public group). Never a group they may not read.
std::vector<Option> group_options(const PageContext& context, const std::optional<GroupInView>& chosen) {
  std::vector<Option> options{{"", "All groups you can read"}};
  bool chosen_listed = false;
  if (context.viewer) {
    const AccountId account = context.viewer->account.id;
    for (const auto& mine : context.env.store.read([&](Connection& c) { return memberships::groups_of(c, account); })) {
      options.push_back({mine.slug, mine.name});
      if (chosen && chosen->group.slug == mine.slug) chosen_listed = true;
    }
  }
  if (chosen && !chosen_listed) options.push_back({chosen->group.slug, chosen->group.name});
  return options;
}

void hit_html(Html& h, const search::Hit& hit, const TimeFormatter& time) {
  Group group;
  group.slug = hit.group_slug;
  // A reply may be beyond the conversation's first page: ?post= opens the page that shows it.
  const std::string href = hit.is_opening_post
                               ? thread_url(group, hit.thread_id, "#post-" + std::to_string(hit.post_id))
                               : post_link(group, hit.thread_id, hit.post_id);
  h.m("<li class=\"card\"><h3><a href=\"").t(href).m("\">");
  if (hit.thread_title.empty()) h.m("A conversation whose opening post was removed");
  else if (hit.is_opening_post && !hit.title.empty()) segments(h, hit.title);
  else h.t(hit.thread_title);
  h.m("</a></h3><p class=\"meta\">").t(hit.is_opening_post ? "Started in " : "A reply in ").t(hit.group_name)
      .m(" · ");
  if (hit.author.anonymous) h.m("Anonymous member");
  else if (hit.author.persona_id != 0) h.t(hit.author.persona_name);
  h.m(" · ");
  time.element(h, hit.created_at);
  h.m("</p><p class=\"snippet\">");
  segments(h, hit.snippet);
  h.m("</p></li>");
}

Response search_page(PageContext& context) {
  const std::string query(trim(context.request.query_value("q").value_or("")));
  const std::string slug = context.request.query_value("group").value_or("");
  std::optional<GroupInView> chosen;
  if (!slug.empty()) {
    chosen = find_group_for(context.env, slug, viewer_account(context));
    if (chosen && !can_read_content(chosen->group.privacy, chosen->viewer)) chosen.reset();
  }
  const bool too_long = query.size() > search::max_query_bytes;

  Html h;
  h.m("<h1>Search conversations</h1><form method=\"get\" action=\"/search\" class=\"card search-form\" role=\"search\" "
      "aria-label=\"Search conversations\">");
  input_field(h, {.name = "q", .label = "Words to look for", .type = "search",
                  .hint = "Finds posts with every word, in the groups you can read.", .value = query,
                  .error = too_long ? "Please use fewer words." : "", .required = false});
  select_field(h, {.name = "group", .label = "Where", .value = chosen ? chosen->group.slug : std::string(),
                   .required = false},
               group_options(context, chosen));
  h.m("<button type=\"submit\" class=\"button\">Search</button></form>");
  if (query.empty() || too_long) {
    return render_page(context, {.title = "Search"}, h, too_long ? 400 : 200);
  }
  // Someone looking for words of crisis may be in one: the crisis lines come first.
  if (is_crisis_query(context.env, query)) crisis_lines_card(h, context, crisis_regions_for(context, ""));
  // A group the viewer may not read (or that doesn't exist for them) filters to nothing.
  std::vector<search::Hit> hits;
  if (slug.empty() || chosen) {
    hits = search_posts(context.env, viewer_account(context), query,
                        chosen ? std::optional<GroupId>(chosen->group.id) : std::nullopt, results_per_page);
  }
  h.m("<section aria-labelledby=\"results\"><h2 id=\"results\">");
  if (hits.empty()) {
    h.m("Nothing found</h2><p>No posts you can read match “").t(query).m("”. Try fewer or different words");
    if (!slug.empty()) h.m(", or <a href=\"/search?q=").t(percent_encode(query)).m("\">search every group you can read</a>");
    h.m(".</p></section>");
    return render_page(context, {.title = "Search"}, h);
  }
  h.num(static_cast<int64_t>(hits.size())).t(hits.size() == 1 ? " post found" : " posts found").m("</h2>");
  if (hits.size() == static_cast<std::size_t>(results_per_page)) {
    h.m("<p class=\"hint\">Showing the best matches. Add a word to narrow them down.</p>");
  }
  h.m("<ol class=\"results\">");
  const TimeFormatter time = time_formatter(context);
  for (const auto& hit : hits) hit_html(h, hit, time);
  h.m("</ol></section>");
  return render_page(context, {.title = "Search"}, h);
}

}  // namespace

void add_search_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/search", web_page(env, PageAccess::anyone, search_page), "web.search"});
}

}  // namespace hearth
