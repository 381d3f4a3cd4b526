// GET /g/{slug}/t/{id}: a conversation — the opening post, the replies as a threaded tree,
// the group's rules beside it, and the reply form. POST /g/{slug}/t/{id}/reply adds a reply
// (shown again with the mistake when it can't be posted).
//
// Access: a group the viewer may not see answers like a missing page; a private group they
// may see but not read answers "members only" for every thread id alike, so nothing about
// its threads leaks; a thread that doesn't exist (or is in another group) is a 404.
#include <algorithm>

#include "actions/blocking.hpp"
#include "actions/context_notes.hpp"
#include "actions/conversations.hpp"
#include "actions/live_events.hpp"
#include "actions/muting.hpp"
#include "actions/reading.hpp"
#include "actions/threads.hpp"
#include "store/groups.hpp"
#include "store/thread_pages.hpp"
#include "web/error_page.hpp"
#include "web/filter_views.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/guest_page_cache.hpp"
#include "web/layout.hpp"
#include "web/post_tree.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

constexpr int branches_per_page = thread_branches_per_page;

// A reply form shown again after a mistake, or after "Edit" on the filters' prompt.
struct ReplyAgain {
  PostFormValues values;
  std::optional<PostId> parent;
  std::optional<Error> error;
  std::optional<FilterPrompt> blocked;  // the words a filter refused, to mark
  bool nudged = false;                  // shown again after the kindness nudge
};

// What is new to a member on this page.
struct News {
  thread_reads::PostMark from;  // posts written from here on are new
  int64_t unread = 0;           // new posts in the whole thread; 0 when carried by ?new=
};

struct PageState {
  std::string after;  // the branch cursor of this page, "" for the first
  std::optional<PostId> reply_to;  // ?to=: the reply answered, or reacted to
  std::optional<ReplyAgain> again;
  std::optional<News> news;
  std::string group_base = "../";  // from /g/{slug}/t/{id} to /g/{slug}/
  int64_t live_from = -1;  // the thread's live-update position, read before its posts; -1: none
  std::optional<PostId> crisis_post;  // ?crisis=: the author's post had crisis language
};

// What the member hadn't read before this visit (taken before the visit marks the thread
// read), or else the mark a link of such a page carried on (?new=<post>) so that later
// pages keep their markers. Only for members, and never on a first visit, when nothing
// was read before and marking everything would say nothing.
std::optional<News> news_for(PageContext& context, const ThreadPageView& page) {
  if (!is_active_member(page.thread.group.viewer)) return std::nullopt;
  const ThreadId id = page.summary.id;
  const int64_t unread = page.summary.unread.value_or(0);
  const int64_t seen = page.summary.post_count - unread;
  if (unread > 0 && seen > 0) {
    if (auto from = context.env.store.read([&](Connection& c) { return thread_reads::first_unseen(c, id, seen); })) {
      return News{*from, unread};
    }
  }
  const auto carried = parse_id(context.request.query_value("new").value_or(""));
  if (!carried) return std::nullopt;
  const auto from = context.env.store.read([&](Connection& c) { return thread_pages::mark_of(c, id, *carried); });
  if (!from) return std::nullopt;
  return News{*from, 0};
}

// "3 new · Jump to the first new reply", at the top of a page with news from this visit.
void news_line(Html& h, const PageContext& context, const ThreadPageView& page, const News& news) {
  if (news.unread <= 0) return;
  const PostId first = news.from.id;
  std::string href = "#post-" + std::to_string(first);
  const bool here = std::any_of(page.view.posts.begin(), page.view.posts.end(),
                                [&](const posts::PostView& p) { return p.id == first; });
  if (!here) {
    // On its own page, which keeps the markers: ?new= before the anchor.
    href = post_in_thread_url(context, page.thread.group.group, page.summary.id, first);
    href.insert(href.find('#'), (href.find('?') == std::string::npos ? "?new=" : "&new=") + std::to_string(first));
  }
  h.m("<p class=news>");
  new_badge(h, news.unread);
  h.m(" <a href=\"").t(href).m("\">Jump to the first new reply</a></p>");
}

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
  if (state.again && state.again->error) {
    error = state.again->error;
    error_summary(h, *error);
    if (state.again->blocked) blocked_preview(h, *state.again->blocked);
  }
  h.m("<form method=\"post\" data-prompt action=\"").t(thread_url(g, page.summary.id, "/reply")).m("\">");
  csrf_input(h, context);
  idempotency_input(h, values.idempotency_key);
  if (state.again && state.again->nudged) h.m("<input type=\"hidden\" name=\"nudged\" value=\"1\">");
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

// Follow, and for moderators pin and lock: one form (one CSRF token), a button each with its
// own action; `after` brings the member back to this page.
void thread_tools(Html& h, const PageContext& context, const ThreadPageView& page, const std::string& after) {
  const GroupInView& gv = page.thread.group;
  const bool participant = can_participate(gv.group.privacy, gv.viewer);
  const bool moderator = can_moderate(gv.viewer);
  if (!participant && !moderator) return;
  const auto tool = [&](std::string_view action, std::string_view field, bool value, std::string_view label) {
    h.m("<button formaction=\"")  // styled as quiet buttons by `.tools > button`: a class each weighs 120 bytes
        .t(thread_url(gv.group, page.summary.id, action)).m("\" name=").t(field);
    if (value) h.m(" value=1>");
    else h.m(" value=0>");
    h.t(label).m("</button>");
  };
  h.m("<form method=\"post\" class=\"tools\" id=\"thread-tools\">");
  csrf_input(h, context);
  if (!after.empty()) h.m("<input type=\"hidden\" name=\"after\" value=\"").t(after).m("\">");
  if (participant) {
    tool("/follow", "follow", !page.summary.following,
         page.summary.following ? "Stop following" : "Follow this conversation");
    // Private to the member (docs/blocking.md): leaves their home feed and unread counts.
    const bool muted = read_mute_state(context.env, *gv.viewer.account, gv.group.id, page.summary.id).thread_muted;
    tool("/mute", "mute", !muted, muted ? "Unmute this conversation" : "Mute this conversation");
  }
  if (moderator) {
    tool("/pin", "pinned", !page.summary.pinned, page.summary.pinned ? "Unpin" : "Pin to the top");
    tool("/lock", "locked", !page.summary.locked, page.summary.locked ? "Unlock" : "Lock");
  }
  h.m("</form>");
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

// `title_hidden`: the opening post is by someone who blocked the viewer, and its title is
// theirs too (docs/blocking.md).
void thread_head(Html& h, const ThreadPageView& page, bool title_hidden) {
  const Group& g = page.thread.group.group;
  const threads::Summary& s = page.summary;
  h.m("<p class=\"crumb\"><a href=\"").t(group_url(g)).m("\">").t(g.name).m("</a></p><h1>");
  if (title_hidden) h.m("A conversation that isn't available to you");
  else if (s.title.empty()) h.m("A conversation whose opening post was removed");
  else h.t(s.title);
  h.m("</h1>");
  if (s.pinned || s.locked) {
    h.m("<p class=\"flags\" id=\"thread-flags\">");
    if (s.pinned) h.m("<span class=\"badge\">Pinned</span> ");
    if (s.locked) h.m("<span class=\"badge\">Locked</span>");
    h.m("</p>");
  }
}

// The replies, a page of them, with the ways to the first page and the next.
void replies_section(Html& h, const ThreadPageView& page, const PageState& state, const PostTreeContext& tree) {
  const Group& g = page.thread.group.group;
  // Links to other pages carry the new-post mark along, so their markers stay.
  const std::string carried = state.news ? "new=" + std::to_string(state.news->from.id) : std::string();
  const int64_t replies = page.summary.post_count - 1;
  h.m("<section class=\"card\" aria-labelledby=\"replies-h\"><h2 id=\"replies-h\">");
  if (replies == 0) h.m("No replies yet</h2>");
  else h.num(replies).t(replies == 1 ? " reply" : " replies").m("</h2>");
  if (!state.after.empty()) {
    h.m("<p><a href=\"").t(thread_url(g, page.summary.id, carried.empty() ? "" : "?" + carried))
        .m("\">Back to the first replies</a></p>");
  }
  reply_tree(h, page.view.posts, tree);
  if (page.view.next) {
    h.m("<p><a href=\"?after=").t(posts::format_branch_cursor(*page.view.next));
    if (!carried.empty()) h.m("&amp;").t(carried);
    h.m("\">More replies</a></p>");
  }
  h.m("</section>");
}

Response render_thread(PageContext& context, const ThreadPageView& page, const PageState& state, int status) {
  const GroupInView& gv = page.thread.group;
  const Group& g = gv.group;
  const TimeFormatter time = time_formatter(context);
  const bool replying = can_reply(g.privacy, gv.viewer, page.summary.locked);
  const posts::PostView* parent = replying ? find_post(page.view, state.reply_to) : nullptr;
  if (parent && (parent->removed || parent->depth == 0)) parent = nullptr;

  PostTreeContext tree{.group = g,
                       .viewer = gv.viewer,
                       .time = time,
                       .can_react = can_participate(g.privacy, gv.viewer),
                       .can_reply = replying,
                       .page_query = state.after.empty() ? std::string() : "after=" + state.after,
                       .group_base = state.group_base};
  if (tree.can_react) tree.reacting = state.reply_to;  // its reaction buttons open above the form
  if (state.news) tree.new_from = state.news->from;
  if (context.viewer) tree.mute = read_mute_matcher(context.env, context.viewer->account.id);
  const ThreadNotes notes = read_thread_notes(context.env, gv, page.summary.id);
  tree.notes = &notes;
  if (context.viewer) tree.blocks = std::make_shared<const BlockSet>(read_block_set(context.env, context.viewer->account.id));
  // No reply form under a post a block stands between (docs/blocking.md); the refusal instead.
  const BlockEffect parent_block = parent ? block_effect_for(*parent, tree) : BlockEffect::none;
  if (parent_block != BlockEffect::none) parent = nullptr;
  if (parent) {
    tree.reply_to = parent->id;
    tree.reply_form = [&](Html& out) { reply_form(out, context, page, state, parent); };
  }
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, g.id); });

  Html h;
  h.m("<div class=\"group-layout\"><div class=\"group-main\"");
  // Where hearth.js streams live updates from: the position read before this page's posts.
  if (state.live_from >= 0) {
    h.m(" data-live=\"").t(thread_url(g, page.summary.id, "/events?from=" + std::to_string(state.live_from))).m("\"");
  }
  h.m(">");
  const bool title_hidden = !page.view.posts.empty() && page.view.posts.front().depth == 0 &&
                            block_effect_for(page.view.posts.front(), tree) == BlockEffect::blocked_you &&
                            !can_moderate(gv.viewer);
  thread_head(h, page, title_hidden);
  if (state.crisis_post && context.viewer) {
    crisis_lines_card(h, context, crisis_regions_for(context, g.region), "#post-" + std::to_string(*state.crisis_post));
  }
  if (state.news) news_line(h, context, page, *state.news);
  if (!page.view.posts.empty() && page.view.posts.front().depth == 0) {
    h.m("<div class=\"card opening\">");
    post_article(h, page.view.posts.front(), tree);
    h.m("</div>");
  }
  thread_tools(h, context, page, state.after);
  replies_section(h, page, state, tree);
  // #thread-flags, #thread-tools and #reply-area: what hearth.js takes from the page again
  // when the conversation is locked, unlocked, pinned or unpinned while it is open.
  h.m("<div id=\"reply-area\">");
  if (parent_block != BlockEffect::none) {
    h.m("<p class=\"card\" id=\"reply\" role=\"status\">").t(blocked_reply_message(parent_block)).m("</p>");
  }
  const bool opening_blocked = !page.view.posts.empty() && block_effect_for(page.view.posts.front(), tree) != BlockEffect::none;
  if (opening_blocked && parent == nullptr && replying) {
    h.m("<p class=\"card\">").t(blocked_reply_message(block_effect_for(page.view.posts.front(), tree))).m("</p>");
  } else {
    reply_section(h, context, page, state, parent != nullptr);
  }
  h.m("</div>");
  if (tree.can_react) reactions_form(h, context, g, page.summary.id, state.after);
  h.m("</div><aside class=\"group-side\" aria-label=\"Group rules\">");
  rules_card(h, rules);
  h.m("</aside></div>");
  const std::string title =
      page.summary.title.empty() || title_hidden ? std::string("Conversation") : page.summary.title;
  return render_page(context, {.title = title + " · " + g.name}, h, status);
}

// The cursor of the page that shows the post ?post= names, "" for the first page or when
// it names no post of this thread.
std::string located_page(const PageContext& context, ThreadId thread_id) {
  const auto post = parse_id(context.request.query_value("post").value_or(""));
  if (!post) return {};
  const auto page = context.env.store.read(
      [&](Connection& c) { return thread_pages::page_of(c, thread_id, *post, branches_per_page); });
  return page && page->after ? posts::format_branch_cursor(*page->after) : std::string();
}

// The thread for this page, or the response that says why not.
struct Loaded {
  std::optional<ThreadPageView> page;
  std::optional<Response> refusal;
};

// `read_from`, when given, receives the change-feed snapshot taken before the conversation
// was read (for the guest page cache).
// With no `after`, a ?post=<id> of this thread picks the page that shows that post (links
// from search results), and `after` becomes that page's cursor.
Loaded load(PageContext& context, std::string& after, ChangeFeed::Snapshot* read_from = nullptr) {
  auto group = group_from_path(context);
  if (!group) return {std::nullopt, render_not_found(context)};
  if (!can_read_content(group->group.privacy, group->viewer)) return {std::nullopt, members_only_page(context, *group)};
  const auto id = path_thread_id(context);
  if (!id) return {std::nullopt, render_not_found(context)};
  if (after.empty()) after = located_page(context, *id);
  std::optional<posts::BranchCursor> cursor;
  if (!after.empty()) {
    cursor = posts::parse_branch_cursor(after);
    if (!cursor) {
      return {std::nullopt, render_error_page(context.request, 400,
                                              "That page of the conversation doesn't exist. Please go back to the "
                                              "start of the conversation.")};
    }
  }
  if (read_from) *read_from = context.env.changes->snapshot(group->group.id, *id);
  auto page = read_thread(context.env, *id, viewer_account(context), cursor, branches_per_page);
  if (!page || page->thread.thread.group_id != group->group.id) return {std::nullopt, render_not_found(context)};
  return {std::move(page), std::nullopt};
}

// A guest's page of a group anyone may read is kept for the next guests (see
// web/guest_page_cache.hpp); the route's quick answer serves it from there.
Response show(PageContext& context, GuestPageCache& kept) {
  PageState state;
  state.after = context.request.query_value("after").value_or("");
  const auto guest_key = context.viewer ? std::nullopt : GuestPageCache::key_for(context.request);
  ChangeFeed::Snapshot read_from;
  if (const auto id = path_thread_id(context)) state.live_from = thread_live_position(context.env, *id);
  auto loaded = load(context, state.after, guest_key ? &read_from : nullptr);
  if (!loaded.page) return std::move(*loaded.refusal);
  ThreadPageView& page = *loaded.page;
  // ?to= on the page's links (short: one per reply); ?reply_to= from links made before.
  if (const auto to = context.request.query_value("to")) state.reply_to = parse_id(*to);
  else if (const auto reply_to = context.request.query_value("reply_to")) state.reply_to = parse_id(*reply_to);
  if (const auto crisis = context.request.query_value("crisis")) state.crisis_post = parse_id(*crisis);
  state.news = news_for(context, page);  // before the visit marks the thread read
  // Reading is participation: what a member has seen stops counting as new. A live update
  // fetched by an open tab (hearth.js sends X-Hearth-Live) is not the member reading it.
  const bool live_fetch = context.request.header("X-Hearth-Live").has_value();
  if (!live_fetch && is_active_member(page.thread.group.viewer) && page.summary.unread.value_or(0) > 0) {
    (void)do_mark_thread_read(context.env, context.viewer->account.id, page.summary.id);
  }
  Response response = render_thread(context, page, state, 200);
  if (guest_key && context.set_cookies.empty() && can_read_content(page.thread.group.group.privacy, GroupViewer{})) {
    kept.keep(*guest_key, response, read_from);
  }
  return response;
}

// Where the author lands after posting: the reply in its branch, or a new top-level reply
// last (maybe on a page after this one: a full last page has no "More replies" yet). After
// crisis language, the crisis lines card at the top of the conversation, with a link to it.
std::string after_reply_url(PageContext& context, const ThreadPageView& page, const PageState& state,
                            std::optional<PostId> parent, PostId posted, const FilterOutcome& outcome) {
  const Group& g = page.thread.group.group;
  std::string url;
  if (parent) {
    url = thread_url(g, page.summary.id, state.after.empty() ? "" : "?after=" + state.after) + "#post-" +
          std::to_string(posted);
  } else {
    url = post_in_thread_url(context, g, page.summary.id, posted);
  }
  if (!outcome.crisis) return url;
  url = with_query(url.substr(0, url.find('#')), "crisis=" + std::to_string(posted));
  return url + "#support";
}

// The filters asked first (third-party guard, kindness nudge): the confirmation page, or for
// hearth.js the prompt as JSON.
Response ask_first(PageContext& context, const ThreadPageView& page, const PageState& state,
                   const PostFormValues& values, const std::string& parent_text, const FilterPrompt& prompt) {
  if (wants_json(context)) return prompt_json(prompt);
  // The filters' own words start with the question ("Would you like to rephrase?").
  PromptForm form{.heading = "Before you post your reply",
                  .action = thread_url(page.thread.group.group, page.summary.id, "/reply"),
                  .back = thread_url(page.thread.group.group, page.summary.id),
                  .content_warning = values.content_warning,
                  .anonymous = values.anonymous,
                  .idempotency_key = values.idempotency_key};
  if (!parent_text.empty()) form.extra.emplace_back("parent", parent_text);
  if (!state.after.empty()) form.extra.emplace_back("after", state.after);
  return prompt_page(context, form, prompt);
}

Response reply(PageContext& context) {
  PageState state;
  state.after = context.field("after");
  if (!state.after.empty() && !posts::parse_branch_cursor(state.after)) state.after.clear();
  state.group_base = "../../";  // shown again at /g/{slug}/t/{id}/reply
  auto loaded = load(context, state.after);
  if (!loaded.page) return std::move(*loaded.refusal);
  const ThreadPageView& page = *loaded.page;
  const GroupInView& gv = page.thread.group;
  const std::string parent_text = context.field("parent");
  const std::optional<PostId> parent = parent_text.empty() ? std::nullopt : parse_id(parent_text);
  const PostFormValues values = post_form_values(context);
  state.reply_to = parent;
  if (prompt_cancelled(context)) {  // "Cancel" on the filters' prompt
    if (prompt_nudged(context)) count_nudge_cancelled(context.env, context.viewer->account.id, gv.group.id);
    return redirect_see_other(thread_url(gv.group, page.summary.id, state.after.empty() ? "" : "?after=" + state.after));
  }
  if (prompt_edit(context)) {  // "Edit": the form again, with the words as they were
    state.again = ReplyAgain{values, parent, std::nullopt, std::nullopt, prompt_nudged(context)};
    return render_thread(context, page, state, 200);
  }
  FilterOutcome outcome;
  auto posted = do_reply(context.env, context.viewer->account.id, page.summary.id, parent, draft_of(values),
                         values.idempotency_key, filter_choice(context), &outcome);
  if (posted) {
    const std::string url = after_reply_url(context, page, state, parent, *posted, outcome);
    if (!wants_json(context)) return redirect_see_other(url);
    // hearth.js goes there itself; an address that differs from this page's by more than its
    // #fragment makes that a real page load (?post= finds the reply's page).
    return posted_json(outcome.crisis ? url : post_link(gv.group, page.summary.id, *posted));
  }
  const Error& error = posted.error();
  if (needs_confirmation(error) && outcome.prompt) {
    return ask_first(context, page, state, values, parent_text, *outcome.prompt);
  }
  if (error.code == ErrorCode::not_found && error.field.empty()) return render_not_found(context);
  if (error.code == ErrorCode::forbidden) {
    return message_page(context, 403, "You can't reply here", error.message, thread_url(gv.group, page.summary.id),
                        "Back to the conversation");
  }
  PostFormValues again = values;
  if (error.field == "idempotency_key") again.idempotency_key = new_idempotency_key();
  state.again = ReplyAgain{again, parent, error, outcome.prompt, prompt_nudged(context)};
  return render_thread(context, page, state, status_for(error));
}

}  // namespace

void add_thread_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  // 64 MiB holds about a thousand conversation pages with their gzip forms; a copy lives
  // 30 seconds at most so that "2 minutes ago" stays true enough.
  auto kept = std::make_shared<GuestPageCache>(*env.changes, env.clock, std::size_t{64} << 20, 30'000);
  Route page{Method::get, "/g/{slug}/t/{id}",
             web_page(env, PageAccess::anyone, [kept](PageContext& context) { return show(context, *kept); }),
             "web.thread"};
  page.quick_answer = [kept](const Request& request) -> std::optional<Response> {
    const auto key = GuestPageCache::key_for(request);
    if (!key) return std::nullopt;
    return kept->find(*key);
  };
  routes.push_back(std::move(page));
  routes.push_back({Method::post, "/g/{slug}/t/{id}/reply", web_page(env, PageAccess::members_only, reply),
                    "web.thread.reply"});
}

}  // namespace hearth
