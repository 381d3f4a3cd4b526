#pragma once
// The safety filters' words as JSON (actions/filtering.hpp), for the API and for the
// posting pages' inline prompt (assets/hearth.js):
//   {"messages": ["…"], "kindness": true, "third_party": false,
//    "title": {"spans": [[0, 5]], "segments": [{"text": "…", "marked": true}, …]},
//    "body": {…}}
// Spans are byte ranges of the text as checked (UTF-8); segments are the same text cut at
// them, for a client that would rather not count bytes.
#include <boost/json/object.hpp>

#include "actions/filtering.hpp"
#include "core/http_message.hpp"
#include "core/result.hpp"

namespace hearth {

boost::json::object filter_prompt_json(const FilterPrompt& prompt);

// The error with the prompt: {"error": {"code": "needs_confirmation" (or the error's code),
// "message": "…", "field": "…", "prompt": {…}}}.
Response filter_error_json(const Error& error, const FilterOutcome& outcome);

// What a published post's author should know: {"held": false, "censored": false,
// "crisis": {"regions": ["GB"], "support_services": "/api/v1/support-services?region=GB"}}.
boost::json::object filter_outcome_json(const FilterOutcome& outcome);

}  // namespace hearth
