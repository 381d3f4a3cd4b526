#include "web/post_tree.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

#include "policy/moderation.hpp"
#include "web/context_note_views.hpp"
#include "web/forms.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

// "/g/{slug}/" + rest, or the same relative to the page.
std::string group_href(const PostTreeContext& tree, std::string_view rest) {
  std::string href = tree.group_base.empty() ? "/g/" + tree.group.slug + "/" : tree.group_base;
  href += rest;
  return href;
}

std::string post_href(const PostTreeContext& tree, PostId id, std::string_view action) {
  return group_href(tree, "posts/" + std::to_string(id) + std::string(action));
}

// "?after=…&" on later pages, else "?": the start of a link that stays on this page.
void page_link_start(Html& h, const PostTreeContext& tree) {
  h.m("?");
  if (!tree.page_query.empty()) h.t(tree.page_query).m("&amp;");
}

bool has_reactions(const posts::PostView& post) {
  for (const ReactionKind kind : all_reactions) {
    if (post.reaction_count(kind) > 0) return true;
  }
  return false;
}

// "Sending support 3 · Me too 1 (you)": every reaction with a count.
void reaction_counts(Html& h, const posts::PostView& post, bool mark_own) {
  bool any = false;
  for (const ReactionKind kind : all_reactions) {
    if (post.reaction_count(kind) == 0) continue;
    if (any) h.m(" · ");
    else h.m("<span>");
    h.t(reaction_label(kind)).m(" ").num(post.reaction_count(kind));
    if (mark_own && post.reacted(kind)) h.m(" (you)");
    any = true;
  }
  if (any) h.m("</span>");
}

// The toggles: each says whether the viewer has reacted that way (aria-pressed) and the
// count. They submit the page's one form "rx" with r=<post>.<kind>.<1 to add|0 to take back>.
void reaction_buttons(Html& h, const posts::PostView& post) {
  for (const ReactionKind kind : all_reactions) {
    h.m("<button form=rx name=r value=").num(post.id).m(".").t(reaction_name(kind));
    if (post.reacted(kind)) h.m(".0 aria-pressed=true>");
    else h.m(".1 aria-pressed=false>");
    h.t(reaction_label(kind));
    if (const int64_t n = post.reaction_count(kind); n > 0) h.m(" <span>").num(n).m("</span>");
    h.m("</button>");
  }
}

// Under a reply: its counts and one link that opens, under it, its reaction buttons and
// (when replies are open) the reply form (?to=); or, for that reply, the buttons.
void reply_reactions(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  if (tree.reacting == post.id) {
    reaction_buttons(h, post);
    // With the reply form open, its "Cancel" closes both.
    if (!tree.reply_form || tree.reply_to != post.id) {
      h.m("<a href=\"?").t(tree.page_query).m("#post-").num(post.id).m("\">Done</a>");
    }
    return;
  }
  reaction_counts(h, post, true);
  h.m("<a href=\"");
  page_link_start(h, tree);
  h.m("to=").num(post.id).m("#react\">");
  if (tree.can_reply) h.m("React or reply</a>");
  else h.m("React</a>");
}

// Report (for the group's moderators: Moderate) on the opening post, and on a reply once its
// actions are open: a link under every reply would cost about 2 KB of a 50-reply page.
bool offers_report(const posts::PostView& post, const PostTreeContext& tree, bool mine) {
  if (mine || !tree.viewer.account || (post.depth > 0 && tree.reacting != post.id)) return false;
  return can_moderate(tree.viewer) || can_report(tree.group.privacy, tree.viewer);
}

void report_link(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  if (can_moderate(tree.viewer)) {
    h.m("<a href=").t(group_href(tree, "moderation/posts/" + std::to_string(post.id))).m(">Moderate</a>");
  } else {
    h.m("<a href=").t(post_href(tree, post.id, "/report")).m(">Report</a>");
  }
}

void actions(Html& h, const posts::PostView& post, const PostTreeContext& tree, bool mine) {
  const bool editable = can_edit_post(tree.viewer, mine, post.removed);
  const bool counts_only = !tree.can_react && !editable;  // a guest, or a reader who can't take part
  const bool report = offers_report(post, tree, mine);
  if (counts_only && !has_reactions(post) && !report) return;
  // The open buttons are what the link lands on (#react).
  if (tree.can_react && tree.reacting == post.id && post.depth > 0) h.m("<p class=acts id=react>");
  else h.m("<p class=acts>");
  if (!tree.can_react) reaction_counts(h, post, false);
  else if (post.depth == 0) reaction_buttons(h, post);
  else reply_reactions(h, post, tree);
  if (editable) {
    h.m("<a href=").t(post_href(tree, post.id, "/edit")).m(">Edit</a><a href=").t(post_href(tree, post.id, "/delete"))
        .m(">Remove</a>");
  }
  if (report) report_link(h, post, tree);
  // Blocking is offered only for a post shown under a persona: never an anonymous one.
  if (report && !post.author.anonymous && post.author.persona_id != 0) {
    h.m("<a href=").t(group_href(tree, "members/" + std::to_string(post.author.persona_id) + "/block")).m(">Block</a>");
  }
  h.m("</p>");
}

// Removed by its author, or by a moderator: then its author (and the moderators) read why
// (the read model fills the explanation for them only).
void removed_notice(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  if (!post.removed_by_moderator) {
    h.m("<p class=\"removed\">This post was removed by its author.</p>");
    return;
  }
  h.m("<p class=\"removed\">This post was removed by a moderator");
  if (!post.removal_explanation.empty() && can_see_removal_explanation(tree.viewer, viewer_wrote(post, tree.viewer))) {
    h.m(": ").t(post.removal_explanation);
    if (post.removal_rule) h.m(" (rule ").num(*post.removal_rule).m(")");
  } else {
    h.m(".");
  }
  h.m("</p>");
}

// Only its author and the group's moderators are shown a post that waits for a moderator.
void held_notice(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  if (can_moderate(tree.viewer)) {
    h.m("<p class=held>Waiting for a moderator: <a href=")
        .t(group_href(tree, "moderation/posts/" + std::to_string(post.id))).m(">approve or remove it</a></p>");
  } else {
    h.m("<p class=held>Waiting for a moderator. Only you and the group's moderators can see it until it's "
        "approved.</p>");
  }
}

// The words of a post's HTML, for its reader's mute words: tags dropped (so "strong" in
// <strong> is no word of the post), the entities the renderer writes turned back.
std::string words_of_html(std::string_view html) {
  std::string text;
  text.reserve(html.size());
  for (std::size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {
      const std::size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
      text += ' ';
      continue;
    }
    if (c == '&') {
      static constexpr std::pair<std::string_view, char> entities[] = {
          {"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}};
      const auto found = std::find_if(std::begin(entities), std::end(entities),
                                      [&](const auto& e) { return html.substr(i, e.first.size()) == e.first; });
      if (found != std::end(entities)) {
        text += found->second;
        i += found->first.size() - 1;
        continue;
      }
    }
    text += c;
  }
  return text;
}

bool muted_for_viewer(const posts::PostView& post, const PostTreeContext& tree, bool mine) {
  if (!tree.mute || mine) return false;
  return tree.mute->hides(words_of_html(post.body_html)) || tree.mute->hides(post.content_warning);
}

// The post's HTML without the newline cmark ends it with.
std::string_view body_of(const posts::PostView& post) {
  std::string_view body = post.body_html;
  while (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  return body;
}

void by_line(Html& h, const posts::PostView& post, const PostTreeContext& tree, bool mine) {
  h.m("<p class=by>");
  if (is_new_to_viewer(post, tree)) h.m("<span class=\"badge badge-new\">New</span> ");
  author_html(h, tree.group, post.author, can_see_author(post.author.anonymous, mine) && mine, tree.group_base);
  if (tree.notes) author_badge(h, *tree.notes, post.author);  // never on an anonymous post
  h.m(" ");  // the stylesheet puts a "·" before the time: 4 bytes fewer per post

  tree.time.element(h, post.created_at, post.depth == 0);  // the opening post's time keeps its title
  if (post.edited_at) {
    if (can_see_revisions(tree.viewer, mine)) {
      h.m(" · <a href=").t(post_href(tree, post.id, "/history")).m(">edited</a>");
    } else {
      h.m(" · edited");
    }
  }
  h.m("</p>");
}

}  // namespace

BlockEffect block_effect_for(const posts::PostView& post, const PostTreeContext& tree) {
  if (!tree.blocks || post.removed || viewer_wrote(post, tree.viewer)) return BlockEffect::none;
  return block_effect(*tree.blocks, post.author.anonymous, post.author.persona_id);
}

bool viewer_wrote(const posts::PostView& post, const GroupViewer& viewer) {
  return viewer.account && post.author_account_id != 0 && post.author_account_id == *viewer.account;
}

bool is_new_to_viewer(const posts::PostView& post, const PostTreeContext& tree) {
  return tree.new_from && !post.removed && !viewer_wrote(post, tree.viewer) &&
         *tree.new_from <= thread_reads::PostMark{post.created_at, post.id};
}

void reactions_form(Html& h, const PageContext& context, const Group& group, ThreadId thread_id,
                    const std::string& after) {
  h.m("<form id=\"rx\" method=\"post\" action=\"").t(thread_url(group, thread_id, "/react")).m("\">");
  csrf_input(h, context);
  if (!after.empty()) h.m("<input type=\"hidden\" name=\"after\" value=\"").t(after).m("\">");
  h.m("</form>");
}

void post_article(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  h.m("<article id=post-").num(post.id).m(">");
  if (post.removed) {
    removed_notice(h, post, tree);
    h.m("</article>");
    return;
  }
  const bool mine = viewer_wrote(post, tree.viewer);
  const BlockEffect blocked = block_effect_for(post, tree);
  const bool moderator = can_moderate(tree.viewer);  // a block never stands in a moderator's way
  if (blocked == BlockEffect::blocked_you && !moderator) {
    // Plain and neutral: no name, nothing to open, nothing to answer.
    h.m("<p class=\"removed\">This post isn't available to you.</p></article>");
    return;
  }
  by_line(h, post, tree, mine);
  if (post.held) held_notice(h, post, tree);
  const bool muted = blocked != BlockEffect::none || muted_for_viewer(post, tree, mine);
  if (blocked == BlockEffect::you_blocked) {
    h.m("<details class=muted><summary>Hidden because you blocked this member</summary>");
  } else if (blocked == BlockEffect::blocked_you) {
    h.m("<details class=muted><summary>Hidden from you by a block. As a moderator you can open it</summary>");
  } else if (muted) {
    h.m("<details class=muted><summary>Hidden by your mute words</summary>");
  }
  // The body's own blocks sit in the article, after the by-line; no wrapper needed.
  if (!post.content_warning.empty()) {
    h.m("<details class=cw><summary>Content warning: ").t(post.content_warning).m("</summary>");
    h.raw_unescaped(body_of(post)).m("</details>");
  } else {
    h.raw_unescaped(body_of(post));
  }
  if (muted) h.m("</details>");
  if (tree.notes) {
    post_notes(h, *tree.notes, post.id, post_href(tree, post.id, "/notes"), post.depth == 0 || tree.reacting == post.id);
  }
  if (blocked == BlockEffect::none || moderator) actions(h, post, tree, mine);  // no replies or reactions across a block
  h.m("</article>");
}

// </li> is left out: HTML closes a list item at the next <li> or at its list's </ol>, and
// 50 replies save 250 bytes.
void reply_tree(Html& h, const std::vector<posts::PostView>& posts, const PostTreeContext& tree) {
  int level = 0;  // the depth of the innermost open list
  for (const posts::PostView& post : posts) {
    if (post.depth < 1) continue;
    const int depth = std::min(post.depth, level + 1);
    if (depth > level) {
      if (level == 0) h.m("<ol class=replies>");
      else h.m("<ol>");
      level = depth;
    } else {
      for (; level > depth; --level) h.m("</ol>");
    }
    h.m("<li>");
    post_article(h, post, tree);
    if (tree.reply_to == post.id && tree.reply_form) tree.reply_form(h);
  }
  for (; level > 0; --level) h.m("</ol>");
}

}  // namespace hearth
