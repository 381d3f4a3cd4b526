// GET/POST /g/{slug}/posts/{id}/delete: the author removes their post, after a question.
// The post keeps its place ("removed by its author"); its text, author and reactions are
// gone for everyone, and it leaves search.
#include "actions/posts.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

// The conversation at the post, on the page that shows it (which may not be the first).
std::string back_url(const PageContext& context, const Group& group, const PostInView& post) {
  return post_in_thread_url(context, group, post.post.thread_id, post.post.id);
}

// The post at this address, if the viewer may see it; otherwise the page that says why not.
struct Found {
  std::optional<GroupInView> group;
  std::optional<PostInView> post;
  std::optional<Response> refusal;
};

Found find(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, std::nullopt, render_not_found(context)};
  if (!can_read_content(group->group.privacy, group->viewer)) {
    return {std::nullopt, std::nullopt, members_only_page(context, *group)};
  }
  auto post = path_post(context, *group);
  if (!post) return {std::nullopt, std::nullopt, render_not_found(context)};
  return {std::move(group), std::move(post), std::nullopt};
}

Response show(PageContext& context) {
  auto found = find(context);
  if (!found.post) return std::move(*found.refusal);
  const Group& g = found.group->group;
  const PostInView& post = *found.post;
  const std::string back = back_url(context, g, post);
  if (post.post.deleted_at) return redirect_see_other(back);
  const bool mine = post.post.author_account_id == context.viewer->account.id;
  if (!can_edit_post(post.thread.group.viewer, mine, false)) {
    return refusal_page(context,
                        mine ? participation_refused(post.thread.group.viewer)
                             : make_error(ErrorCode::forbidden, "You can only remove your own posts."),
                        back, "Back to the conversation");
  }
  const bool opening = post.post.id == post.thread.thread.opening_post_id;
  Html h;
  h.m("<section class=\"card narrow\"><h1>Remove this post?</h1><p>It keeps its place in the conversation as "
      "\"removed by its author\". Its text, your name and its reactions will be gone for everyone, and it can't be "
      "brought back.");
  if (opening) h.m(" The replies stay, and so does the conversation, without its title.");
  h.m("</p><form method=\"post\" action=\"").t(post_url(g, post.post.id, "/delete")).m("\">");
  csrf_input(h, context);
  h.m("<button type=\"submit\" class=\"button\">Remove the post</button> <a href=\"").t(back)
      .m("\">Keep it</a></form></section>");
  return render_page(context, {.title = "Remove this post?"}, h);
}

Response submit(PageContext& context) {
  auto found = find(context);
  if (!found.post) return std::move(*found.refusal);
  const std::string back = back_url(context, found.group->group, *found.post);
  if (auto done = do_delete_post(context.env, context.viewer->account.id, found.post->post.id); !done) {
    return refusal_page(context, done.error(), back, "Back to the conversation");
  }
  return redirect_see_other(back);
}

}  // namespace

void add_post_delete_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/posts/{id}/delete", web_page(env, PageAccess::members_only, show),
                    "web.post.delete"});
  routes.push_back({Method::post, "/g/{slug}/posts/{id}/delete", web_page(env, PageAccess::members_only, submit),
                    "web.post.delete.submit"});
}

}  // namespace hearth
