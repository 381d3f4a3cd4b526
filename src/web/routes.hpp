#pragma once
// The HTML pages. One file per page under web/pages/.
#include <vector>

#include "actions/environment.hpp"
#include "core/http_message.hpp"

namespace hearth {

std::vector<Route> web_routes(const ActionEnvironment& env);

void add_home_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_signup_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_login_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_recover_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_settings_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_help_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_directory_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_new_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_join_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_join_invite_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_leave_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_members_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_group_manage_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_persona_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_persona_edit_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_thread_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_thread_events_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_thread_new_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_thread_actions_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_post_edit_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_post_delete_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_post_history_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_search_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_moderation_queue_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_moderation_post_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_moderation_member_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_moderation_log_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_report_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_my_reports_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_admin_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_watched_words_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_mute_words_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_context_note_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_persona_badge_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_admin_verifications_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_blocked_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_muted_page(std::vector<Route>& routes, const ActionEnvironment& env);
// Private messages (docs/messages.md).
void add_messages_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_messages_conversation_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_messages_new_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_messages_report_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_messages_request_page(std::vector<Route>& routes, const ActionEnvironment& env);
void add_messages_moderation_page(std::vector<Route>& routes, const ActionEnvironment& env);

}  // namespace hearth
