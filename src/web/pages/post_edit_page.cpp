// GET/POST /g/{slug}/posts/{id}/edit: the author changes their post (and, for an opening
// post, the conversation's title). The earlier version is kept in the edit history and
// everyone sees "edited". Whether the post is anonymous can't change.
#include "actions/posts.hpp"
#include "web/error_page.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

bool is_opening(const PostInView& post) { return post.post.id == post.thread.thread.opening_post_id; }

// The conversation at the post, on the page that shows it (which may not be the first).
std::string back_url(const PageContext& context, const PostInView& post) {
  return post_in_thread_url(context, post.thread.group.group, post.post.thread_id, post.post.id);
}

// The form shown again: after a mistake (with the words a filter refused marked), or after
// "Edit" on the filters' prompt.
struct Again {
  std::optional<FilterPrompt> blocked;
  bool nudged = false;
};

Response form(PageContext& context, const PostInView& post, const PostFormValues& values,
              const std::optional<Error>& error, int status, const Again& again = {}) {
  const Group& g = post.thread.group.group;
  Html h;
  h.m("<section class=\"card narrow-wide\" aria-labelledby=\"edit-h\"><p class=\"crumb\"><a href=\"").t(group_url(g))
      .m("\">").t(g.name).m("</a></p><h1 id=\"edit-h\">Edit your post</h1>");
  if (error) error_summary(h, *error);
  if (error && again.blocked) blocked_preview(h, *again.blocked);
  h.m("<p>Everyone will see that the post was edited. You and the group's moderators can see the earlier "
      "versions.");
  if (post.post.anonymous) h.m(" It stays anonymous.");
  h.m("</p><form method=\"post\" data-prompt action=\"").t(post_url(g, post.post.id, "/edit")).m("\">");
  csrf_input(h, context);
  if (again.nudged) h.m("<input type=\"hidden\" name=\"nudged\" value=\"1\">");
  post_fields(h, values, {.title = is_opening(post)}, error);
  h.m("<button type=\"submit\" class=\"button\">Save changes</button> <a href=\"").t(back_url(context, post))
      .m("\">Cancel</a></form></section>");
  return render_page(context, {.title = "Edit your post"}, h, status);
}

// The viewer's own post at this address, or the page that says why not.
struct Editable {
  std::optional<PostInView> post;
  std::optional<Response> refusal;
};

Editable editable(PageContext& context) {
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, render_not_found(context)};
  if (!can_read_content(group->group.privacy, group->viewer)) return {std::nullopt, members_only_page(context, *group)};
  auto post = path_post(context, *group);
  if (!post) return {std::nullopt, render_not_found(context)};
  const bool mine = post->post.author_account_id == context.viewer->account.id;
  const bool removed = post->post.deleted_at.has_value();
  if (!can_edit_post(post->thread.group.viewer, mine, removed)) {
    const Error error = !mine ? make_error(ErrorCode::forbidden, "You can only change your own posts.")
                        : removed ? make_error(ErrorCode::conflict, "You removed this post, so it can't be changed any more.")
                                  : participation_refused(post->thread.group.viewer);
    return {std::nullopt, refusal_page(context, error, back_url(context, *post), "Back to the conversation")};
  }
  return {std::move(post), std::nullopt};
}

Response show(PageContext& context) {
  auto check = editable(context);
  if (!check.post) return std::move(*check.refusal);
  const PostInView& post = *check.post;
  PostFormValues values{is_opening(post) ? post.thread.thread.title : std::string(), post.post.body,
                        post.post.content_warning, post.post.anonymous, {}};
  return form(context, post, values, std::nullopt, 200);
}

Response submit(PageContext& context) {
  auto check = editable(context);
  if (!check.post) return std::move(*check.refusal);
  const PostInView& post = *check.post;
  PostFormValues values = post_form_values(context);
  values.anonymous = post.post.anonymous;
  const GroupId group_id = post.thread.group.group.id;
  if (prompt_cancelled(context)) {  // "Cancel" on the filters' prompt: the post stays as it was
    if (prompt_nudged(context)) count_nudge_cancelled(context.env, context.viewer->account.id, group_id);
    return redirect_see_other(back_url(context, post));
  }
  if (prompt_edit(context)) return form(context, post, values, std::nullopt, 200, {std::nullopt, prompt_nudged(context)});
  FilterOutcome outcome;
  auto done = do_edit_post(context.env, context.viewer->account.id, post.post.id, draft_of(values),
                           filter_choice(context), &outcome);
  if (!done && needs_confirmation(done.error()) && outcome.prompt) {
    if (wants_json(context)) return prompt_json(*outcome.prompt);
    return prompt_page(context,
                       {.heading = "Before you save your changes",
                        .action = post_url(post.thread.group.group, post.post.id, "/edit"),
                        .back = back_url(context, post),
                        .with_title = is_opening(post),
                        .content_warning = values.content_warning},
                       *outcome.prompt);
  }
  if (!done) {
    if (done.error().field.empty()) {
      return refusal_page(context, done.error(), back_url(context, post), "Back to the conversation");
    }
    return form(context, post, values, done.error(), status_for(done.error()), {outcome.prompt, prompt_nudged(context)});
  }
  std::string url = back_url(context, post);
  if (outcome.crisis) url = with_query(url.substr(0, url.find('#')), "crisis=" + std::to_string(post.post.id)) + "#support";
  return wants_json(context) ? posted_json(url) : redirect_see_other(url);
}

}  // namespace

void add_post_edit_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/posts/{id}/edit", web_page(env, PageAccess::members_only, show),
                    "web.post.edit"});
  routes.push_back({Method::post, "/g/{slug}/posts/{id}/edit", web_page(env, PageAccess::members_only, submit),
                    "web.post.edit.submit"});
}

}  // namespace hearth
