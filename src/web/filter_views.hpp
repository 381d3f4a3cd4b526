#pragma once
// What the posting pages show when the safety filters speak (actions/filtering.hpp):
//  - the confirmation page, without JavaScript: the author's text with the words concerned
//    marked, the filter's message, and Edit / Post anyway / Cancel (Post anyway resubmits the
//    same form, with the same idempotency key, plus confirm=1);
//  - the same prompt as JSON for assets/hearth.js, which asks inline instead (a posting form
//    fetched with "Accept: application/json");
//  - the crisis lines card: after a post with crisis language (on the conversation page the
//    author lands on) and above search results for a query with crisis language.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/filtering.hpp"
#include "core/html.hpp"
#include "core/http_message.hpp"
#include "web/page_context.hpp"

namespace hearth {

// What the author chose on the prompt: confirm=1 (post anyway); nudged=1 marks a form shown
// again after the kindness nudge (counted as "edited" if the new text passes).
FilterChoice filter_choice(const PageContext& context);
bool prompt_cancelled(const PageContext& context);   // the Cancel button (cancel=1)
bool prompt_edit(const PageContext& context);        // the Edit button (edit=1)
bool prompt_nudged(const PageContext& context);      // nudged=1

// hearth.js posts forms with "Accept: application/json" to ask inline; pages answer it with
// prompt_json() or posted_json() instead of a page or a redirect.
bool wants_json(const PageContext& context);
Response prompt_json(const FilterPrompt& prompt);
Response posted_json(std::string_view location);

// Everything the confirmation page's form sends again.
struct PromptForm {
  std::string heading;   // "Before you post your reply"
  std::string action;    // the form's address
  std::string back;      // where Cancel goes
  bool with_title = false;
  std::string content_warning;
  bool anonymous = false;
  std::string idempotency_key;
  std::vector<std::pair<std::string, std::string>> extra;  // parent, after …
};
Response prompt_page(PageContext& context, const PromptForm& form, const FilterPrompt& prompt);

// The text with the spans marked (<mark>), line breaks kept.
void marked_text(Html& h, std::string_view text, const std::vector<safety::Span>& spans);
// Under a blocked form's error: the words concerned, marked in what the author wrote.
void blocked_preview(Html& h, const FilterPrompt& prompt);

// A warm card with the crisis lines of these regions (the viewer's, then the group's), the
// emergency number, and the way to every service (/help). With no region: the link alone.
// `posted`: the author's post that brought them here, linked below the lines.
void crisis_lines_card(Html& h, const PageContext& context, const std::vector<std::string>& regions,
                       std::string_view posted_href = {});
// The regions for a viewer: their account's, then the group's (either may be empty).
std::vector<std::string> crisis_regions_for(const PageContext& context, std::string_view group_region);

// `url` with a query parameter added before its #fragment.
std::string with_query(std::string url, std::string_view parameter);

}  // namespace hearth
