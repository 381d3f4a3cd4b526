#pragma once
// The JSON API under /api/v1 (documented in docs/api.md). One file per resource.
#include <vector>

#include "actions/environment.hpp"
#include "core/http_message.hpp"

namespace hearth {

std::vector<Route> api_routes(const ActionEnvironment& env);

// Per resource, called by api_routes.
void add_account_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_session_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_me_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_token_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_support_service_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_membership_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_persona_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_thread_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_post_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_search_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_moderation_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_report_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_admin_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_event_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_word_list_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_context_note_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_verification_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_block_routes(std::vector<Route>& routes, const ActionEnvironment& env);
void add_message_routes(std::vector<Route>& routes, const ActionEnvironment& env);  // docs/messages.md
void add_mute_routes(std::vector<Route>& routes, const ActionEnvironment& env);

}  // namespace hearth
