#include "web/routes.hpp"

#include "web/assets.hpp"

namespace hearth {

std::vector<Route> web_routes(const ActionEnvironment& env) {
  std::vector<Route> routes;
  add_asset_routes(routes);
  add_home_page(routes, env);
  add_signup_page(routes, env);
  add_login_page(routes, env);
  add_recover_page(routes, env);
  add_settings_page(routes, env);
  add_help_page(routes, env);
  add_directory_page(routes, env);
  add_group_new_page(routes, env);
  add_group_page(routes, env);
  add_join_page(routes, env);
  add_join_invite_page(routes, env);
  add_group_leave_page(routes, env);
  add_group_members_page(routes, env);
  add_group_manage_page(routes, env);
  add_persona_page(routes, env);
  add_persona_edit_page(routes, env);
  add_thread_page(routes, env);
  add_thread_events_page(routes, env);
  add_thread_new_page(routes, env);
  add_thread_actions_page(routes, env);
  add_post_edit_page(routes, env);
  add_post_delete_page(routes, env);
  add_post_history_page(routes, env);
  add_search_page(routes, env);
  add_moderation_queue_page(routes, env);
  add_moderation_post_page(routes, env);
  add_moderation_member_page(routes, env);
  add_moderation_log_page(routes, env);
  add_report_page(routes, env);
  add_my_reports_page(routes, env);
  add_admin_page(routes, env);
  add_watched_words_page(routes, env);
  add_mute_words_page(routes, env);
  add_context_note_page(routes, env);
  add_persona_badge_page(routes, env);
  add_admin_verifications_page(routes, env);
  add_blocked_page(routes, env);
  add_muted_page(routes, env);
  add_messages_page(routes, env);
  add_messages_conversation_page(routes, env);
  add_messages_new_page(routes, env);
  add_messages_report_page(routes, env);
  add_messages_request_page(routes, env);
  add_messages_moderation_page(routes, env);
  return routes;
}

}  // namespace hearth
