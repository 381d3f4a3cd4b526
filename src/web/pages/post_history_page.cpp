// GET /g/{slug}/posts/{id}/history: a post's earlier versions, for its author and the
// group's moderators (policy can_see_revisions). It names no author: moderators may read
// the history of an anonymous post without learning who wrote it.
#include "actions/conversations.hpp"
#include "core/markdown.hpp"
#include "web/error_page.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"
#include "web/time_views.hpp"

namespace hearth {
namespace {

void version(Html& h, std::string_view heading, const std::string& title, const std::string& warning,
             std::string_view body_html) {
  h.m("<section class=\"card\"><h2>").t(heading).m("</h2>");
  if (!title.empty()) h.m("<p><strong>Title:</strong> ").t(title).m("</p>");
  if (!warning.empty()) h.m("<p><strong>Content warning:</strong> ").t(warning).m("</p>");
  h.m("<div class=\"prose\">").raw_unescaped(body_html).m("</div></section>");
}

Response show(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return render_not_found(context);
  if (!can_read_content(group->group.privacy, group->viewer)) return members_only_page(context, *group);
  auto post = path_post(context, *group);
  if (!post) return render_not_found(context);
  const Group& g = group->group;
  const std::string back = thread_url(g, post->post.thread_id, "#post-" + std::to_string(post->post.id));
  auto revisions = read_revisions(context.env, context.viewer->account.id, post->post.id);
  if (!revisions) return refusal_page(context, revisions.error(), back, "Back to the conversation");

  const bool opening = post->post.id == post->thread.thread.opening_post_id;
  const TimeFormatter time = time_formatter(context);
  Html h;
  h.m("<div class=\"narrow-wide\"><p class=\"crumb\"><a href=\"").t(back).m("\">Back to the conversation</a></p>"
      "<h1>Edit history</h1><p>Only the author and the group's moderators can see earlier versions.</p>");
  version(h, "Now", opening ? post->thread.thread.title : std::string(), post->post.content_warning,
          post->post.body_html);
  for (const auto& revision : *revisions) {
    h.m("<section class=\"card\"><h2>Until <time datetime=\"").t(time.rfc3339(revision.replaced_at)).m("\">")
        .t(time.local(revision.replaced_at)).m("</time></h2>");
    if (!revision.title.empty()) h.m("<p><strong>Title:</strong> ").t(revision.title).m("</p>");
    if (!revision.content_warning.empty()) {
      h.m("<p><strong>Content warning:</strong> ").t(revision.content_warning).m("</p>");
    }
    h.m("<div class=\"prose\">").raw_unescaped(render_markdown(revision.body)).m("</div></section>");
  }
  if (revisions->empty()) h.m("<p>There are no earlier versions.</p>");
  h.m("</div>");
  return render_page(context, {.title = "Edit history"}, h);
}

}  // namespace

void add_post_history_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/posts/{id}/history", web_page(env, PageAccess::members_only, show),
                    "web.post.history"});
}

}  // namespace hearth
