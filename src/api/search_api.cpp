// GET /api/v1/search?q=…&group=…&limit=…: posts the caller may read that match every word.
// A group the caller may not read (or that doesn't exist for them) gives no results, exactly
// like a group without matches.
#include <boost/json.hpp>

#include "actions/filtering.hpp"
#include "actions/group_lookup.hpp"
#include "actions/search.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "api/thread_json.hpp"
#include "core/text.hpp"

namespace hearth {
namespace {

constexpr int default_results = 20;

Response search_endpoint(const ActionEnvironment& env, ApiCall& call) {
  const std::string query(trim(call.request.query_value("q").value_or("")));
  if (!is_valid_utf8(query) || query.size() > search::max_query_bytes) {
    return json_error(make_error(ErrorCode::invalid_input, "Please search with fewer words.", "q"));
  }
  int limit = default_results;
  if (const auto text = call.request.query_value("limit")) {
    const auto n = api_id(*text);
    if (!n || *n > search::max_results) {
      return json_error(make_error(ErrorCode::invalid_input, "\"limit\" must be 1 to 50.", "limit"));
    }
    limit = static_cast<int>(*n);
  }
  std::optional<AccountId> account;
  if (call.viewer) account = call.viewer->account.id;
  boost::json::array results;
  const std::string slug = call.request.query_value("group").value_or("");
  std::optional<GroupId> only_group;
  bool nothing = false;
  if (!slug.empty()) {
    const auto group = find_group_for(env, slug, account);
    if (group && can_read_content(group->group.privacy, group->viewer)) only_group = group->group.id;
    else nothing = true;
  }
  if (!nothing && !query.empty()) {
    for (const auto& hit : search_posts(env, account, query, only_group, limit)) results.push_back(hit_json(hit));
  }
  // A query with crisis language: the caller should show crisis lines (their region's, or
  // the help page's choice) with the results.
  boost::json::value crisis = nullptr;
  if (!query.empty() && is_crisis_query(env, query)) {
    boost::json::object lines{{"help", "/help"}};
    if (call.viewer && !call.viewer->account.region.empty()) {
      lines["regions"] = boost::json::array{boost::json::value(call.viewer->account.region)};
      lines["support_services"] = "/api/v1/support-services?region=" + call.viewer->account.region;
    }
    crisis = std::move(lines);
  }
  return json_response(200, {{"results", std::move(results)}, {"crisis", std::move(crisis)}});
}

}  // namespace

void add_search_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/api/v1/search",
                    api_endpoint(env, Access::anyone, [&env](ApiCall& c) { return search_endpoint(env, c); }), "api.search"});
}

}  // namespace hearth
