// Blocking (docs/blocking.md, docs/api.md):
//   POST   /api/v1/groups/{slug}/members/{persona_id}/block   block a member as they show in that group
//   DELETE /api/v1/groups/{slug}/members/{persona_id}/block   unblock them (from that group)
//   GET    /api/v1/me/blocks                                  the personas you've blocked
//   DELETE /api/v1/me/blocks/{persona_id}                     unblock, wherever the block was made
#include <boost/json.hpp>

#include "actions/blocking.hpp"
#include "api/group_json.hpp"
#include "api/json_io.hpp"
#include "api/routes.hpp"
#include "core/time_zone.hpp"

namespace hearth {
namespace {

Response block(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto persona = path_id(call, "persona_id");
  if (auto done = do_block_persona(env, call.viewer->account.id, view->group.id, persona.value_or(0)); !done) {
    return json_error(done.error());
  }
  return no_content();
}

// From the group: the persona must still be one the caller may reach there, as for blocking.
Response unblock_here(const ActionEnvironment& env, ApiCall& call) {
  const auto view = api_group(env, call);
  if (!view) return group_not_found_json();
  const auto persona = path_id(call, "persona_id");
  auto target = read_block_target(env, call.viewer->account.id, view->group.id, persona.value_or(0));
  if (!target) return json_error(target.error());
  (void)do_unblock_persona(env, call.viewer->account.id, target->persona_id);
  return no_content();
}

Response list(const ActionEnvironment& env, ApiCall& call) {
  boost::json::array items;
  for (const auto& b : read_blocks(env, call.viewer->account.id)) {
    boost::json::value group = nullptr;
    if (!b.group_slug.empty()) group = boost::json::object{{"slug", b.group_slug}, {"name", b.group_name}};
    items.push_back({{"persona", persona_ref(b.persona_id, b.persona_name)},
                     {"group", std::move(group)},
                     {"blocked_at", format_rfc3339(b.created_at)}});
  }
  return json_response(200, {{"blocks", std::move(items)}});
}

// One's own list: lifting a block needs no access to the group any more; nothing to lift is fine.
Response unblock(const ActionEnvironment& env, ApiCall& call) {
  if (const auto persona = path_id(call, "persona_id")) (void)do_unblock_persona(env, call.viewer->account.id, *persona);
  return no_content();
}

}  // namespace

void add_block_routes(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto route = [&](Method method, const char* pattern, auto handler, const char* name) {
    routes.push_back({method, pattern,
                      api_endpoint(env, Access::member, [&env, handler](ApiCall& c) { return handler(env, c); }),
                      name});
  };
  route(Method::post, "/api/v1/groups/{slug}/members/{persona_id}/block", block, "api.groups.members.block");
  route(Method::delete_, "/api/v1/groups/{slug}/members/{persona_id}/block", unblock_here,
        "api.groups.members.unblock");
  route(Method::get, "/api/v1/me/blocks", list, "api.me.blocks");
  route(Method::delete_, "/api/v1/me/blocks/{persona_id}", unblock, "api.me.blocks.delete");
}

}  // namespace hearth
