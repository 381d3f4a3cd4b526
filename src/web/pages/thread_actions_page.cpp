// The small forms of a thread page: reactions, follow, and the moderators' pin and lock.
// Each answers 303 back to the thread (at the post reacted to), or a page saying why not.
//
//   POST /g/{slug}/t/{id}/react     r=<post id>.<kind>.<1|0> (the thread page's buttons
//                                   share one form, so no post repeats a CSRF token)
//   POST /g/{slug}/posts/{id}/react kind=<kind>&on=<1|0>
//   POST /g/{slug}/t/{id}/follow    follow=1|0
//   POST /g/{slug}/t/{id}/mute      mute=1|0 (private: docs/blocking.md)
//   POST /g/{slug}/t/{id}/pin       pinned=1|0
//   POST /g/{slug}/t/{id}/lock      locked=1|0
#include "actions/muting.hpp"
#include "actions/reactions.hpp"
#include "actions/reading.hpp"
#include "actions/threads.hpp"
#include "web/error_page.hpp"
#include "web/group_views.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

std::optional<bool> flag(std::string_view value) {
  if (value == "1") return true;
  if (value == "0") return false;
  return std::nullopt;
}

Response bad_request(PageContext& context) {
  return render_error_page(context.request, 400, "That button sent something we didn't understand. Please go back, "
                                                 "reload the page and try again.");
}

// Where to go back to: the thread, on the page the form was on, at the post. A form that
// doesn't say its page (POST /g/{slug}/posts/{id}/react) goes to the page that shows the post.
std::string back_to(const PageContext& context, const Group& group, ThreadId thread, std::optional<PostId> post) {
  std::string rest;
  const std::string after = context.field("after");
  if (!after.empty() && posts::parse_branch_cursor(after)) rest = "?after=" + after;
  else if (post) return post_in_thread_url(context, group, thread, *post);
  if (post) rest += "#post-" + std::to_string(*post);
  return thread_url(group, thread, rest);
}

Response react_to(PageContext& context, const GroupInView& group, PostId post_id, std::string_view kind_name,
                  std::string_view on_text, std::optional<ThreadId> expected_thread) {
  const auto kind = parse_reaction(kind_name);
  const auto on = flag(on_text);
  if (!kind || !on) return bad_request(context);
  const auto post = context.env.store.read([&](Connection& c) { return find_post_in(c, post_id, context.viewer->account.id); });
  if (!post || post->thread.thread.group_id != group.group.id ||
      (expected_thread && post->post.thread_id != *expected_thread)) {
    return render_not_found(context);
  }
  const std::string back = back_to(context, group.group, post->post.thread_id, post_id);
  if (auto done = do_react(context.env, context.viewer->account.id, post_id, *kind, *on); !done) {
    return refusal_page(context, done.error(), back, "Back to the conversation");
  }
  return redirect_see_other(back);
}

Response react_from_thread(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return render_not_found(context);
  const auto thread = path_thread_id(context);
  // "<post id>.<kind>.<1|0>"
  const std::string value = context.field("r");
  const auto first = value.find('.');
  const auto last = value.rfind('.');
  if (!thread || first == std::string::npos || last == first) return bad_request(context);
  const auto post = parse_id(std::string_view(value).substr(0, first));
  if (!post) return bad_request(context);
  return react_to(context, *group, *post, std::string_view(value).substr(first + 1, last - first - 1),
                  std::string_view(value).substr(last + 1), thread);
}

Response react_to_post(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return render_not_found(context);
  const auto post = parse_id(context.request.param("id").value_or(""));
  if (!post) return render_not_found(context);
  return react_to(context, *group, *post, context.field("kind"), context.field("on"), std::nullopt);
}

// Follow, pin and lock: a yes/no field and an action on the thread.
using ThreadSwitch = Status (*)(const ActionEnvironment&, AccountId, ThreadId, bool);

Response switch_thread(PageContext& context, std::string_view field, ThreadSwitch action) {
  auto group = group_from_path(context);
  if (!group) return render_not_found(context);
  const auto thread = path_thread_id(context);
  if (!thread) return render_not_found(context);
  const auto value = flag(context.field(field));
  if (!value) return bad_request(context);
  // The thread must be this group's: the action checks who may read it, not the address.
  const auto found = context.env.store.read([&](Connection& c) { return find_thread_in(c, *thread, context.viewer->account.id); });
  if (!found || found->thread.group_id != group->group.id) return render_not_found(context);
  const std::string back = back_to(context, group->group, *thread, std::nullopt);
  if (auto done = action(context.env, context.viewer->account.id, *thread, *value); !done) {
    return refusal_page(context, done.error(), back, "Back to the conversation");
  }
  return redirect_see_other(back);
}

}  // namespace

void add_thread_actions_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto add = [&](const char* pattern, PageHandler handler, const char* name) {
    routes.push_back({Method::post, pattern, web_page(env, PageAccess::members_only, std::move(handler)), name});
  };
  add("/g/{slug}/t/{id}/react", react_from_thread, "web.thread.react");
  add("/g/{slug}/posts/{id}/react", react_to_post, "web.post.react");
  add("/g/{slug}/t/{id}/follow", [](PageContext& c) { return switch_thread(c, "follow", do_follow_thread); },
      "web.thread.follow");
  add("/g/{slug}/t/{id}/mute", [](PageContext& c) { return switch_thread(c, "mute", do_mute_thread); },
      "web.thread.mute");
  add("/g/{slug}/t/{id}/pin", [](PageContext& c) { return switch_thread(c, "pinned", do_set_thread_pinned); },
      "web.thread.pin");
  add("/g/{slug}/t/{id}/lock", [](PageContext& c) { return switch_thread(c, "locked", do_set_thread_locked); },
      "web.thread.lock");
}

}  // namespace hearth
