// GET /g/{slug}/t/{id}: a conversation — the opening post, the replies as a threaded tree,
// the group's rules beside it, and the reply form. POST /g/{slug}/t/{id}/reply adds a reply
// (shown again with the mistake when it can't be posted).
//
// Access: a group the viewer may not see answers like a missing page; a private group they
// may see but not read answers "members only" for every thread id alike, so nothing about
// its threads leaks; a thread that doesn't exist (or is in another group) is a 404.
#include "actions/conversations.hpp"
#include "actions/reading.hpp"
#include "actions/threads.hpp"
#include "store/groups.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/post_tree.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

constexpr int branches_per_page = 50;

// A reply form shown again after a mistake.
struct ReplyAgain {
  PostFormValues values;
  std::optional<PostId> parent;
  Error error;
};

struct PageState {
  std::string after;  // the branch cursor of this page, "" for the first
  std::optional<PostId> reply_to;
  std::optional<ReplyAgain> again;
};

const posts::PostView* find_post(const posts::ThreadView& view, std::optional<PostId> id) {
  if (!id) return nullptr;
  for (const auto& post : view.posts) {
    if (post.id == *id) return &post;
  }
  return nullptr;
}

void reply_heading(Html& h, const posts::PostView* parent) {
  h.m("<h2 id=\"reply-h\">");
  if (!parent || parent->depth == 0) {
    h.m("Reply to the conversation</h2>");
  } else if (parent->author.anonymous) {
    h.m("Reply to Anonymous ").t(parent->author.anonymous_label).m("</h2>");
  } else {
    h.m("Reply to ").t(parent->author.persona_name).m("</h2>");
  }
}

void reply_form(Html& h, const PageContext& context, const ThreadPageView& page, const PageState& state,
                const posts::PostView* parent) {
  const Group& g = page.thread.group.group;
  h.m("<section id=\"reply\" class=\"card reply\" aria-labelledby=\"reply-h\">");
  reply_heading(h, parent);
  const PostFormValues values = state.again ? state.again->values : PostFormValues{.idempotency_key = new_idempotency_key()};
  std::optional<Error> error;
  if (state.again) {
    error = state.again->error;
    error_summary(h, *error);
  }
  h.m("<form method=\"post\" action=\"").t(thread_url(g, page.summary.id, "/reply")).m("\">");
  csrf_input(h, context);
  idempotency_input(h, values.idempotency_key);
  if (parent && parent->depth > 0) h.m("<input type=\"hidden\" name=\"parent\" value=\"").num(parent->id).m("\">");
  if (!state.after.empty()) h.m("<input type=\"hidden\" name=\"after\" value=\"").t(state.after).m("\">");
  post_fields(h, values, {.anonymous_choice = g.anonymous_posting, .body_label = "Your reply"}, error);
  h.m("<button type=\"submit\" class=\"button\">Post reply</button>");
  if (parent && parent->depth > 0) {
    h.m("<a href=\"?");
    if (!state.after.empty()) h.m("after=").t(state.after);
    h.m("#post-").num(parent->id).m("\">Cancel</a>");
  }
  h.m("</form></section>");
}

// Follow, and for moderators pin and lock: one small form each.
void thread_tools(Html& h, const PageContext& context, const ThreadPageView& page) {
  const GroupInView& gv = page.thread.group;
  const bool participant = can_participate(gv.group.privacy, gv.viewer);
  const bool moderator = can_moderate(gv.viewer);
  if (!participant && !moderator) return;
  const auto tool = [&](std::string_view action, std::string_view field, bool value, std::string_view label) {
    h.m("<form method=\"post\" action=\"").t(thread_url(gv.group, page.summary.id, action)).m("\">");
    csrf_input(h, context);
    h.m("<input type=\"hidden\" name=\"").t(field).m("\" value=\"").t(value ? "1" : "0").m("\">"
        "<button type=\"submit\" class=\"button button-quiet\">").t(label).m("</button></form>");
  };
  h.m("<div class=\"tools\">");
  if (participant) {
    tool("/follow", "follow", !page.summary.following,
         page.summary.following ? "Stop following" : "Follow this conversation");
  }
  if (moderator) {
    tool("/pin", "pinned", !page.summary.pinned, page.summary.pinned ? "Unpin" : "Pin to the top");
    tool("/lock", "locked", !page.summary.locked, page.summary.locked ? "Unlock" : "Lock");
  }
  h.m("</div>");
}

// Below the replies: the reply form, or why there isn't one.
void reply_section(Html& h, const PageContext& context, const ThreadPageView& page, const PageState& state,
                   bool form_placed) {
  const GroupInView& gv = page.thread.group;
  const Group& g = gv.group;
  if (!context.viewer) {
    h.m("<p class=\"card\"><a href=\"/login?next=").t(percent_encode(thread_url(g, page.summary.id)))
        .m("\">Log in to reply</a>. New to Hearth? <a href=\"/signup\">Join Hearth</a>; no email or real name "
           "needed.</p>");
    return;
  }
  if (can_reply(g.privacy, gv.viewer, page.summary.locked)) {
    if (form_placed) return;
    reply_form(h, context, page, state, nullptr);
    return;
  }
  if (!can_participate(g.privacy, gv.viewer)) {
    h.m("<p class=\"card\">").t(participation_refused(gv.viewer).message);
    if (join_path(g.privacy, gv.viewer) == JoinPath::join_directly) {
      h.m(" <a href=\"").t(group_url(g, "/join")).m("\">Join the group</a>");
    }
    h.m("</p>");
    return;
  }
  h.m("<p class=\"card\">This conversation is locked, so it can't take new replies.</p>");
}

void thread_head(Html& h, const ThreadPageView& page) {
  const Group& g = page.thread.group.group;
  const threads::Summary& s = page.summary;
  h.m("<p class=\"crumb\"><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></p><h1>");
  if (s.title.empty()) h.m("A conversation whose opening post was removed");
  else h.t(s.title);
  h.m("</h1>");
  if (s.pinned || s.locked) {
    h.m("<p class=\"flags\">");
    if (s.pinned) h.m("<span class=\"badge\">Pinned</span> ");
    if (s.locked) h.m("<span class=\"badge\">Locked</span>");
    h.m("</p>");
  }
}

Response render_thread(PageContext& context, const ThreadPageView& page, const PageState& state, int status) {
  const GroupInView& gv = page.thread.group;
  const Group& g = gv.group;
  const TimeFormatter time = time_formatter(context);
  const bool replying = can_reply(g.privacy, gv.viewer, page.summary.locked);
  const posts::PostView* parent = replying ? find_post(page.view, state.reply_to) : nullptr;
  if (parent && (parent->removed || parent->depth == 0)) parent = nullptr;

  PostTreeContext tree{g, gv.viewer, can_participate(g.privacy, gv.viewer), replying,
                       state.after.empty() ? std::string() : "after=" + state.after, std::nullopt, {}, time};
  if (parent) {
    tree.reply_to = parent->id;
    tree.reply_form = [&](Html& out) { reply_form(out, context, page, state, parent); };
  }
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, g.id); });

  Html h;
  h.m("<div class=\"group-layout\"><div class=\"group-main\">");
  thread_head(h, page);
  if (!page.view.posts.empty() && page.view.posts.front().depth == 0) {
    h.m("<div class=\"card opening\">");
    post_article(h, page.view.posts.front(), tree);
    h.m("</div>");
  }
  thread_tools(h, context, page);
  const int64_t replies = page.summary.post_count - 1;
  h.m("<section class=\"card\" aria-labelledby=\"replies-h\"><h2 id=\"replies-h\">");
  if (replies == 0) h.m("No replies yet</h2>");
  else h.num(replies).t(replies == 1 ? " reply" : " replies").m("</h2>");
  if (!state.after.empty()) {
    h.m("<p><a href=\"").t(thread_url(g, page.summary.id)).m("\">Back to the first replies</a></p>");
  }
  reply_tree(h, page.view.posts, tree);
  if (page.view.next) {
    h.m("<p><a href=\"?after=").t(posts::format_branch_cursor(*page.view.next)).m("\">More replies</a></p>");
  }
  h.m("</section>");
  reply_section(h, context, page, state, parent != nullptr);
  if (tree.can_react) reactions_form(h, context, g, page.summary.id, state.after);
  h.m("</div><aside class=\"group-side\" aria-label=\"Group rules\">");
  rules_card(h, rules);
  h.m("</aside></div>");
  const std::string title = page.summary.title.empty() ? std::string("Conversation") : page.summary.title;
  return render_page(context, {.title = title + " · " + g.name}, h, status);
}

// The thread for this page, or the response that says why not.
struct Loaded {
  std::optional<ThreadPageView> page;
  std::optional<Response> refusal;
};

Loaded load(PageContext& context, const std::string& after) {
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, render_not_found(context)};
  if (!can_read_content(group->group.privacy, group->viewer)) return {std::nullopt, members_only_page(context, *group)};
  const auto id = path_thread_id(context);
  if (!id) return {std::nullopt, render_not_found(context)};
  std::optional<posts::BranchCursor> cursor;
  if (!after.empty()) {
    cursor = posts::parse_branch_cursor(after);
    if (!cursor) {
      return {std::nullopt, render_error_page(context.request, 400,
                                              "That page of the conversation doesn't exist. Please go back to the "
                                              "start of the conversation.")};
    }
  }
  auto page = read_thread(context.env, *id, viewer_account(context), cursor, branches_per_page);
  if (!page || page->thread.thread.group_id != group->group.id) return {std::nullopt, render_not_found(context)};
  return {std::move(page), std::nullopt};
}

Response show(PageContext& context) {
  PageState state;
  state.after = context.request.query_value("after").value_or("");
  auto loaded = load(context, state.after);
  if (!loaded.page) return std::move(*loaded.refusal);
  ThreadPageView& page = *loaded.page;
  if (const auto reply_to = context.request.query_value("reply_to")) state.reply_to = parse_id(*reply_to);
  // Reading is participation: what a member has seen stops counting as new.
  if (is_active_member(page.thread.group.viewer) && page.summary.unread.value_or(0) > 0) {
    (void)do_mark_thread_read(context.env, context.viewer->account.id, page.summary.id);
  }
  return render_thread(context, page, state, 200);
}

Response reply(PageContext& context) {
  PageState state;
  state.after = context.field("after");
  if (!state.after.empty() && !posts::parse_branch_cursor(state.after)) state.after.clear();
  auto loaded = load(context, state.after);
  if (!loaded.page) return std::move(*loaded.refusal);
  const ThreadPageView& page = *loaded.page;
  const GroupInView& gv = page.thread.group;
  const std::string parent_text = context.field("parent");
  const std::optional<PostId> parent = parent_text.empty() ? std::nullopt : parse_id(parent_text);
  const PostFormValues values = post_form_values(context);
  auto posted = do_reply(context.env, context.viewer->account.id, page.summary.id, parent, draft_of(values),
                         values.idempotency_key);
  if (posted) {
    // A new top-level reply on a thread with more pages than this one is on its own page.
    std::string where = state.after;
    if (!parent && page.view.next) {
      const auto created = context.env.store.read([&](Connection& c) { return posts::find(c, *posted); });
      if (created) where = posts::format_branch_cursor({created->created_at, created->id - 1});
    }
    return redirect_see_other(thread_url(gv.group, page.summary.id, where.empty() ? "" : "?after=" + where) +
                              "#post-" + std::to_string(*posted));
  }
  const Error& error = posted.error();
  if (error.code == ErrorCode::not_found && error.field.empty()) return render_not_found(context);
  if (error.code == ErrorCode::forbidden) {
    return message_page(context, 403, "You can't reply here", error.message, thread_url(gv.group, page.summary.id),
                        "Back to the conversation");
  }
  PostFormValues again = values;
  if (error.field == "idempotency_key") again.idempotency_key = new_idempotency_key();
  state.reply_to = parent;
  state.again = ReplyAgain{again, parent, error};
  return render_thread(context, page, state, status_for(error));
}

}  // namespace

void add_thread_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/t/{id}", web_page(env, PageAccess::anyone, show), "web.thread"});
  routes.push_back({Method::post, "/g/{slug}/t/{id}/reply", web_page(env, PageAccess::members_only, reply),
                    "web.thread.reply"});
}

}  // namespace hearth
