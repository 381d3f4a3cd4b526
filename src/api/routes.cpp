#include "api/routes.hpp"

namespace hearth {

std::vector<Route> api_routes(const ActionEnvironment& env) {
  std::vector<Route> routes;
  add_account_routes(routes, env);
  add_session_routes(routes, env);
  add_me_routes(routes, env);
  add_token_routes(routes, env);
  add_support_service_routes(routes, env);
  add_group_routes(routes, env);
  add_membership_routes(routes, env);
  add_persona_routes(routes, env);
  add_thread_routes(routes, env);
  add_post_routes(routes, env);
  add_search_routes(routes, env);
  add_moderation_routes(routes, env);
  add_report_routes(routes, env);
  add_admin_routes(routes, env);
  add_event_routes(routes, env);
  add_word_list_routes(routes, env);
  add_context_note_routes(routes, env);
  add_verification_routes(routes, env);
  add_block_routes(routes, env);
  add_message_routes(routes, env);
  add_mute_routes(routes, env);
  return routes;
}

}  // namespace hearth
