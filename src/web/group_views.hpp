#pragma once
// Pieces the group pages share: finding the group for the viewer (hidden ones answer like
// missing ones), the transparency card, rules, support services, and small page helpers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/group_lookup.hpp"
#include "core/http_message.hpp"
#include "domain/support_service.hpp"
#include "core/html.hpp"
#include "web/page_context.hpp"
#include "web/transparency_card.hpp"

namespace hearth {

// The group at /g/{slug} as this viewer sees it; nothing when it is missing or hidden from
// them. Callers answer nothing with group_not_found_page(), the site's one 404 page.
std::optional<GroupInView> group_from_path(const PageContext& context);
Response group_not_found_page(PageContext& context);

// A short page in the viewer's frame: a heading, a sentence, a way back.
Response message_page(PageContext& context, int status, std::string_view title, std::string_view message,
                      std::string_view back_href = "/groups", std::string_view back_label = "Browse groups");

int status_for(const Error& error);
std::optional<int64_t> parse_id(std::string_view text);
std::string group_url(const Group& group, std::string_view rest = {});

// "Public", "Private", "Hidden".
std::string_view privacy_label(Privacy privacy);

// What the group page's side column shows, read in one transaction.
struct GroupFacts {
  std::vector<std::string> rules;
  std::vector<std::string> questions;
  std::vector<GroupService> group_services;
  std::vector<SupportService> regional_services;
  std::string services_region;  // the country the regional services are for
  TransparencyFacts transparency;
};
// `fallback_region`: the viewer's region, used when the group has none.
GroupFacts load_group_facts(const ActionEnvironment& env, const Group& group, std::string_view fallback_region);

void rules_list(Html& h, const std::vector<std::string>& rules);
void rules_card(Html& h, const std::vector<std::string>& rules);
void services_card(Html& h, const GroupFacts& facts);
void topic_list(Html& h, const std::vector<std::string>& topics);

// The about text, rendered from Markdown.
void about_html(Html& h, std::string_view about);

}  // namespace hearth
