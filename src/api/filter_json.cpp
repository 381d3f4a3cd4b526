#include "api/filter_json.hpp"

#include <boost/json/array.hpp>

#include "api/json_io.hpp"

namespace hearth {
namespace {

boost::json::object marked_json(std::string_view text, const std::vector<safety::Span>& spans) {
  boost::json::array ranges, segments;
  std::size_t at = 0;
  for (const safety::Span& s : spans) {
    if (s.begin < at || s.end > text.size() || s.begin >= s.end) continue;
    ranges.push_back(boost::json::array{s.begin, s.end});
    if (s.begin > at) segments.push_back({{"text", text.substr(at, s.begin - at)}, {"marked", false}});
    segments.push_back({{"text", text.substr(s.begin, s.end - s.begin)}, {"marked", true}});
    at = s.end;
  }
  if (at < text.size()) segments.push_back({{"text", text.substr(at)}, {"marked", false}});
  return {{"spans", std::move(ranges)}, {"segments", std::move(segments)}};
}

}  // namespace

boost::json::object filter_prompt_json(const FilterPrompt& prompt) {
  boost::json::array messages;
  for (const auto& m : prompt.messages) messages.emplace_back(m);
  boost::json::object json{{"messages", std::move(messages)},
                           {"kindness", prompt.kindness},
                           {"third_party", prompt.third_party},
                           {"body", marked_json(prompt.body, prompt.body_spans)}};
  if (!prompt.title.empty()) json["title"] = marked_json(prompt.title, prompt.title_spans);
  return json;
}

Response filter_error_json(const Error& error, const FilterOutcome& outcome) {
  boost::json::object detail{{"code", needs_confirmation(error) ? "needs_confirmation" : error_code_name(error.code)},
                             {"message", error.message}};
  if (!error.field.empty()) detail["field"] = error.field;
  if (outcome.prompt) detail["prompt"] = filter_prompt_json(*outcome.prompt);
  return json_response(http_status_for(error.code), boost::json::object{{"error", std::move(detail)}});
}

boost::json::object filter_outcome_json(const FilterOutcome& outcome) {
  boost::json::object json{{"held", outcome.held}, {"censored", outcome.censored}};
  if (outcome.held) {
    boost::json::array messages;
    for (const auto& m : outcome.held_messages) messages.emplace_back(m);
    json["held_messages"] = std::move(messages);
  }
  if (outcome.crisis) {
    boost::json::array regions, links;
    for (const auto& r : outcome.crisis_regions) {
      regions.emplace_back(r);
      links.emplace_back("/api/v1/support-services?region=" + r);
    }
    json["crisis"] = {{"regions", std::move(regions)}, {"support_services", std::move(links)}, {"help", "/help"}};
  } else {
    json["crisis"] = nullptr;
  }
  return json;
}

}  // namespace hearth
