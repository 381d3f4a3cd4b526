#include "web/post_tree.hpp"

#include "web/forms.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

void reactions(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  if (!tree.can_react) {
    bool any = false;
    for (const ReactionKind kind : all_reactions) {
      if (post.reaction_count(kind) == 0) continue;
      if (any) h.m(" · ");
      else h.m("<p class=\"rx\">");
      h.t(reaction_label(kind)).m(" ").num(post.reaction_count(kind));
      any = true;
    }
    if (any) h.m("</p>");
    return;
  }
  for (const ReactionKind kind : all_reactions) {
    const bool on = post.reacted(kind);
    h.m("<button form=\"rx\" name=\"r\" value=\"").num(post.id).m(".").t(reaction_name(kind));
    if (on) h.m(".0\" aria-pressed=\"true\">");
    else h.m(".1\" aria-pressed=\"false\">");
    h.t(reaction_label(kind));
    if (const int64_t n = post.reaction_count(kind); n > 0) h.m(" <span>").num(n).m("</span>");
    h.m("</button>");
  }
}

void actions(Html& h, const posts::PostView& post, const PostTreeContext& tree, bool mine) {
  const bool editable = can_edit_post(tree.viewer, mine, post.removed);
  if (!tree.can_react && !tree.can_reply && !editable) {
    reactions(h, post, tree);  // counts only
    return;
  }
  h.m("<div class=\"acts\">");
  reactions(h, post, tree);
  if (tree.can_reply && post.depth > 0) {
    h.m("<a href=\"?");
    if (!tree.page_query.empty()) h.t(tree.page_query).m("&amp;");
    h.m("reply_to=").num(post.id).m("#reply\">Reply</a>");
  }
  if (editable) {
    h.m("<a href=\"").t(post_url(tree.group, post.id, "/edit")).m("\">Edit</a><a href=\"")
        .t(post_url(tree.group, post.id, "/delete")).m("\">Remove</a>");
  }
  h.m("</div>");
}

}  // namespace

bool viewer_wrote(const posts::PostView& post, const GroupViewer& viewer) {
  return viewer.account && post.author_account_id != 0 && post.author_account_id == *viewer.account;
}

void reactions_form(Html& h, const PageContext& context, const Group& group, ThreadId thread_id,
                    const std::string& after) {
  h.m("<form id=\"rx\" method=\"post\" action=\"").t(thread_url(group, thread_id, "/react")).m("\">");
  csrf_input(h, context);
  if (!after.empty()) h.m("<input type=\"hidden\" name=\"after\" value=\"").t(after).m("\">");
  h.m("</form>");
}

void post_article(Html& h, const posts::PostView& post, const PostTreeContext& tree) {
  h.m("<article id=\"post-").num(post.id).m("\">");
  if (post.removed) {
    h.m("<p class=\"removed\">This post was removed by its author.</p></article>");
    return;
  }
  const bool mine = viewer_wrote(post, tree.viewer);
  h.m("<p class=\"by\">");
  author_html(h, tree.group, post.author, can_see_author(post.author.anonymous, mine) && mine);
  h.m(" · ");
  tree.time.element(h, post.created_at);
  if (post.edited_at) {
    if (can_see_revisions(tree.viewer, mine)) {
      h.m(" · <a href=\"").t(post_url(tree.group, post.id, "/history")).m("\">edited</a>");
    } else {
      h.m(" · edited");
    }
  }
  h.m("</p>");
  if (!post.content_warning.empty()) {
    h.m("<details class=\"cw\"><summary>Content warning: ").t(post.content_warning).m("</summary>");
  }
  h.m("<div class=\"prose\">").raw_unescaped(post.body_html).m("</div>");
  if (!post.content_warning.empty()) h.m("</details>");
  actions(h, post, tree, mine);
  h.m("</article>");
}

void reply_tree(Html& h, const std::vector<posts::PostView>& posts, const PostTreeContext& tree) {
  int level = 0;  // the depth of the innermost open list
  for (const posts::PostView& post : posts) {
    if (post.depth < 1) continue;
    const int depth = std::min(post.depth, level + 1);
    if (depth > level) {
      if (level == 0) h.m("<ol class=\"replies\">");
      else h.m("<ol>");
      level = depth;
    } else {
      h.m("</li>");
      for (; level > depth; --level) h.m("</ol></li>");
    }
    h.m("<li>");
    post_article(h, post, tree);
    if (tree.reply_to == post.id && tree.reply_form) tree.reply_form(h);
  }
  if (level == 0) return;
  h.m("</li>");
  for (; level > 1; --level) h.m("</ol></li>");
  h.m("</ol>");
}

}  // namespace hearth
