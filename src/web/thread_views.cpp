#include "web/thread_views.hpp"

#include "actions/conversations.hpp"
#include "core/random.hpp"
#include "store/thread_pages.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"

namespace hearth {

std::string thread_url(const Group& group, ThreadId id, std::string_view rest) {
  std::string url = "/g/" + group.slug + "/t/" + std::to_string(id);
  url += rest;
  return url;
}

std::string post_url(const Group& group, PostId id, std::string_view rest) {
  std::string url = "/g/" + group.slug + "/posts/" + std::to_string(id);
  url += rest;
  return url;
}

std::string persona_url(const Group& group, PersonaId id) { return "/g/" + group.slug + "/p/" + std::to_string(id); }

std::string post_in_thread_url(const PageContext& context, const Group& group, ThreadId thread_id, PostId post_id) {
  const auto page = context.env.store.read(
      [&](Connection& c) { return thread_pages::page_of(c, thread_id, post_id, thread_branches_per_page); });
  std::string rest;
  if (page && page->after) rest = "?after=" + posts::format_branch_cursor(*page->after);
  return thread_url(group, thread_id, rest + "#post-" + std::to_string(post_id));
}

std::string post_link(const Group& group, ThreadId thread_id, PostId post_id) {
  const std::string id = std::to_string(post_id);
  return thread_url(group, thread_id, "?post=" + id + "#post-" + id);
}

std::optional<AccountId> viewer_account(const PageContext& context) {
  if (context.viewer) return context.viewer->account.id;
  return std::nullopt;
}

void idempotency_input(Html& h, std::string_view key) {
  h.m("<input type=\"hidden\" name=\"idempotency_key\" value=\"").t(key).m("\">");
}

std::string new_idempotency_key() { return random_token(16); }

std::string form_idempotency_key(const PageContext& context) {
  std::string key = context.field("idempotency_key");
  if (validate_idempotency_key(key)) return key;
  return new_idempotency_key();
}

void author_html(Html& h, const Group& group, const AuthorDisplay& author, bool viewer_wrote_it,
                 std::string_view group_base) {
  if (author.anonymous) {
    h.m("<span class=\"anon\">Anonymous member</span> · Anonymous ").t(author.anonymous_label);
    if (viewer_wrote_it) h.m(" <span class=\"badge\">You posted this anonymously</span>");
    return;
  }
  if (author.persona_id == 0) {
    h.m("<span class=\"anon\">A former member</span>");
    return;
  }
  if (group_base.empty()) {
    h.m("<a href=\"").t(persona_url(group, author.persona_id)).m("\">");
  } else {
    h.m("<a href=").t(group_base).m("p/").num(author.persona_id).m(">");  // a path of fixed words and digits
  }
  h.t(author.persona_name).m("</a>");
  if (author.role && *author.role != Role::member) h.m(" <span class=\"badge\">").t(role_label(*author.role)).m("</span>");
  if (author.trained_volunteer) h.m(" <span class=\"badge badge-volunteer\">Trained volunteer</span>");
  if (viewer_wrote_it) h.m(" <span class=\"meta\">(you)</span>");
}

PostFormValues post_form_values(const PageContext& context) {
  return {context.field("title"), context.field("body"), context.field("content_warning"),
          context.field("anonymous") == "1", form_idempotency_key(context)};
}

PostDraft draft_of(const PostFormValues& values) {
  return {values.title, values.body, values.content_warning, values.anonymous};
}

void post_fields(Html& h, const PostFormValues& values, const PostFieldsOptions& options,
                 const std::optional<Error>& error) {
  if (options.title) {
    input_field(h, {.name = "title", .label = "Title", .hint = "A few words that say what it's about.",
                    .value = values.title, .error = error_for(error, "title"),
                    .max_length = static_cast<int>(max_title_length)});
  }
  textarea_field(h, {.name = "body", .label = options.body_label,
                     .hint = "You can use Markdown: **bold**, *italics*, [a link](https://…), lists with - or 1.",
                     .value = values.body, .error = error_for(error, "body"),
                     .max_length = static_cast<int>(max_body_length)},
                 options.title ? 8 : 5);
  input_field(h, {.name = "content_warning", .label = "Content warning",
                  .hint = "A short label such as \"self-harm\" or \"loss\". Readers see it first and open your post "
                          "when they're ready.",
                  .value = values.content_warning, .error = error_for(error, "content_warning"), .required = false,
                  .max_length = static_cast<int>(max_content_warning_length)});
  if (options.anonymous_choice) {
    checkbox_field(h, "anonymous", "Post anonymously",
                   "Shown as Anonymous member. Moderators can still act on the post but can't see who wrote it.",
                   values.anonymous, error_for(error, "anonymous"));
  }
}

std::optional<ThreadId> path_thread_id(const PageContext& context, std::string_view name) {
  return parse_id(context.request.param(name).value_or(""));
}

std::optional<PostInView> path_post(const PageContext& context, const GroupInView& group, std::string_view name) {
  const auto id = parse_id(context.request.param(name).value_or(""));
  if (!id) return std::nullopt;
  auto found = context.env.store.read([&](Connection& c) { return find_post_in(c, *id, viewer_account(context)); });
  if (!found || found->thread.thread.group_id != group.group.id) return std::nullopt;
  return found;
}

Response refusal_page(PageContext& context, const Error& error, std::string_view back_href,
                      std::string_view back_label) {
  if (error.code == ErrorCode::not_found) return render_not_found(context);
  const int status = status_for(error);
  const std::string_view title = status == 403 ? "That isn't possible here" : "That didn't work";
  return message_page(context, status, title, error.message, back_href, back_label);
}

Response members_only_page(PageContext& context, const GroupInView& view) {
  const Group& g = view.group;
  if (is_banned(view.viewer)) {
    return message_page(context, 403, "You can't read this group", "You can't take part in this group any more.",
                        "/groups", "Browse other groups");
  }
  return message_page(context, 403, "Only members can read this",
                      "This group's conversations are for its members. You can ask to join from the group's page.",
                      group_url(g), "Go to " + g.name);
}

Response participation_refused_page(PageContext& context, const GroupInView& view, const Error& error) {
  return message_page(context, status_for(error), "You can't post here yet", error.message, group_url(view.group),
                      "Back to " + view.group.name);
}

void new_badge(Html& h, int64_t unread) {
  if (unread <= 0) return;
  h.m(" <span class=\"badge badge-new\">").num(unread).m(" new</span>");
}

}  // namespace hearth
