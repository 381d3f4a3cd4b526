#pragma once
// What the conversation pages share: addresses, the "no double posts" form key, authors as
// the viewer may see them, the post form's fields, and the members-only answer.
//
// Anonymity: author pieces here take AuthorDisplay (which never carries an anonymous
// author's persona) plus whether the viewer wrote the post, decided through policy
// can_see_author(). Nothing here ever sees an account id.
#include <optional>
#include <string>
#include <string_view>

#include "actions/conversations.hpp"
#include "actions/group_lookup.hpp"
#include "core/html.hpp"
#include "core/http_message.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "store/threads.hpp"
#include "web/page_context.hpp"

namespace hearth {

std::string thread_url(const Group& group, ThreadId id, std::string_view rest = {});
std::string post_url(const Group& group, PostId id, std::string_view rest);  // /g/{slug}/posts/{id}{rest}
std::string persona_url(const Group& group, PersonaId id);

// Top-level replies per page of a conversation (each with all its replies).
inline constexpr int thread_branches_per_page = 50;
// The conversation page that shows the post, at the post: "/g/{slug}/t/{id}#post-{post}"
// on the first page, "…?after=<cursor>#post-{post}" beyond it (the anchor of a reply on a
// later page exists only there). The caller has established the viewer may read the post.
std::string post_in_thread_url(const PageContext& context, const Group& group, ThreadId thread_id, PostId post_id);
// The same without reading where it is: the thread page finds the page from ?post=
// (for lists of many posts, such as search results).
std::string post_link(const Group& group, ThreadId thread_id, PostId post_id);

// The viewer's account, if logged in.
std::optional<AccountId> viewer_account(const PageContext& context);

// Every posting form carries a random key, made when the form is shown. Submitting the
// same form twice (double click, retry, back-and-resubmit) sends the same key, and the
// action returns the first post instead of making another.
void idempotency_input(Html& h, std::string_view key);
// The submitted key when it is usable (a re-shown form keeps it, so a corrected submission
// still makes one post), else a fresh one.
std::string form_idempotency_key(const PageContext& context);
std::string new_idempotency_key();

// "Quiet Harbour" (a link to their persona, with role and volunteer badges), "Anonymous
// member · Anonymous B", or for the author of an anonymous post also "You posted this
// anonymously". `viewer_wrote_it`: already decided through can_see_author(). `group_base`:
// the persona link relative to the page ("../" gives "../p/{id}"); empty for /g/{slug}/p/{id}.
void author_html(Html& h, const Group& group, const AuthorDisplay& author, bool viewer_wrote_it,
                 std::string_view group_base = {});

// A post form's values, as submitted (or to show again).
struct PostFormValues {
  std::string title;
  std::string body;
  std::string content_warning;
  bool anonymous = false;
  std::string idempotency_key;
};
PostFormValues post_form_values(const PageContext& context);
PostDraft draft_of(const PostFormValues& values);

struct PostFieldsOptions {
  bool title = false;              // a new thread (or editing its opening post)
  bool anonymous_choice = false;   // the group allows anonymous posts, and this is a new post
  std::string_view body_label = "Your post";
};
// Title, body (with a Markdown hint), content warning and, where allowed, "post
// anonymously" with what it means. The key and the submit button are the caller's.
void post_fields(Html& h, const PostFormValues& values, const PostFieldsOptions& options,
                 const std::optional<Error>& error);

// The thread's id from the {id} path segment.
std::optional<ThreadId> path_thread_id(const PageContext& context, std::string_view name = "id");

// The post {name} of the group at /g/{slug}, as the viewer may read it; nothing for a post
// of another group, one that doesn't exist, or one the viewer may not read.
std::optional<PostInView> path_post(const PageContext& context, const GroupInView& group,
                                    std::string_view name = "id");

// An action's refusal as a page: 404 for "not found", a short explanation otherwise.
Response refusal_page(PageContext& context, const Error& error, std::string_view back_href,
                      std::string_view back_label);

// For a group the viewer may see but not read (a private group they haven't joined): the
// same answer whatever the thread or post, so nothing about it leaks.
Response members_only_page(PageContext& context, const GroupInView& view);
// Why the viewer may not take part, as a page with a way forward.
Response participation_refused_page(PageContext& context, const GroupInView& view, const Error& error);

// "3 new", "1 new" and the like: the badge for unread posts.
void new_badge(Html& h, int64_t unread);

}  // namespace hearth
