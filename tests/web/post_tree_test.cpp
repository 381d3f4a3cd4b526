#include "web/post_tree.hpp"

#include <gtest/gtest.h>

#include <regex>

namespace hearth {
namespace {

posts::PostView post(PostId id, int depth, std::optional<PostId> parent, AccountId author) {
  posts::PostView p;
  p.id = id;
  p.depth = depth;
  p.parent_id = parent;
  p.author.persona_id = 100 + id;
  p.author.persona_name = "Persona " + std::to_string(id);
  p.body_html = "<p>Body " + std::to_string(id) + "</p>";
  p.author_account_id = author;
  p.created_at = 1000;
  return p;
}

struct Fixture {
  Group group;
  GroupViewer viewer;
  TimeFormatter time{2000, ""};
  Fixture(std::optional<AccountId> account, bool member) {
    group.id = 1;
    group.slug = "g";
    viewer.account = account;
    if (member) {
      Membership m;
      m.group_id = 1;
      m.persona_id = 7;
      m.status = MembershipStatus::active;
      m.role = Role::member;
      viewer.membership = m;
    }
  }
  PostTreeContext tree() {
    const bool member = viewer.membership.has_value();
    return PostTreeContext{.group = group, .viewer = viewer, .time = time, .can_react = member, .can_reply = member};
  }
};

// The nesting as a string: "(" opens a list, ")" closes it, digits are post ids.
std::string shape(const std::string& html) {
  std::string out;
  static const std::regex token(R"re(<ol[ >]|</ol>|<article id=post-(\d+)>)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), token); it != std::sregex_iterator(); ++it) {
    const std::string m = (*it)[0];
    if (m.rfind("<ol", 0) == 0) out += "(";
    else if (m == "</ol>") out += ")";
    else out += (*it)[1].str() + " ";
  }
  return out;
}

TEST(PostTree, NestsRepliesAsListsUpToThreeDeep) {
  Fixture f(std::nullopt, false);
  const std::vector<posts::PostView> posts{post(1, 0, std::nullopt, 9), post(2, 1, 1, 9), post(3, 2, 2, 9),
                                           post(4, 3, 3, 9), post(5, 3, 3, 9), post(6, 1, 1, 9), post(7, 2, 6, 9)};
  Html h;
  reply_tree(h, posts, f.tree());
  EXPECT_EQ(shape(h.str()), "(2 (3 (4 5 ))6 (7 ))");
  // One item per reply; HTML closes each at the next item or at its list's end.
  const std::string html = h.str();
  std::size_t items = 0;
  for (std::size_t at = 0; (at = html.find("<li>", at)) != std::string::npos; ++at) ++items;
  EXPECT_EQ(items, 6u);
  EXPECT_EQ(html.find("</li>"), std::string::npos);
  EXPECT_EQ(html.find("<time datetime=1970-01-01T00:00Z>just now</time>") != std::string::npos, true)
      << "no title on a reply's time";
}

TEST(PostTree, AnonymousAuthorIsNeverNamedAndOnlyTheAuthorIsTold) {
  auto anonymous = post(2, 1, 1, 42);
  anonymous.author = AuthorDisplay{.anonymous = true, .anonymous_label = "B"};
  for (const AccountId viewer : {AccountId{42}, AccountId{43}}) {
    Fixture f(viewer, true);
    Html h;
    post_article(h, anonymous, f.tree());
    EXPECT_NE(h.str().find("Anonymous member</span> · Anonymous B"), std::string::npos);
    EXPECT_EQ(h.str().find("You posted this anonymously") != std::string::npos, viewer == 42);
    EXPECT_EQ(h.str().find("42"), std::string::npos) << "no account id in the page";
  }
}

posts::PostView reacted_reply() {
  auto p = post(2, 1, 1, 9);
  p.reactions = {3, 0, 1};
  p.viewer_reacted = {true, false, false};
  return p;
}

std::string article_of(const posts::PostView& p, const PostTreeContext& tree) {
  Html h;
  post_article(h, p, tree);
  return h.str();
}

bool has(const std::string& html, std::string_view part) { return html.find(part) != std::string::npos; }

TEST(PostTree, GuestsSeeCountsOnly) {
  Fixture g(std::nullopt, false);
  const std::string guest = article_of(reacted_reply(), g.tree());
  EXPECT_TRUE(has(guest, "<p class=acts><span>Sending support 3 · This helped 1</span></p>")) << guest;
  EXPECT_FALSE(has(guest, "<button"));
  EXPECT_FALSE(has(guest, "to="));
  EXPECT_FALSE(has(guest, "(you)"));
  EXPECT_FALSE(has(article_of(post(3, 1, 1, 9), g.tree()), "acts")) << "no reactions, nothing to show";
}

TEST(PostTree, MembersOpenAReplysButtonsWithOneLink) {
  Fixture m(AccountId{5}, true);
  const std::string closed = article_of(reacted_reply(), m.tree());
  EXPECT_TRUE(has(closed, "<span>Sending support 3 (you) · This helped 1</span>")) << closed;
  EXPECT_TRUE(has(closed, "<a href=\"?to=2#react\">React or reply</a>")) << closed;
  EXPECT_FALSE(has(closed, "<button")) << "a reply's buttons are closed until asked for";
  EXPECT_FALSE(has(closed, "/edit")) << "not the viewer's post";

  auto tree = m.tree();
  tree.reacting = 2;
  const std::string open = article_of(reacted_reply(), tree);
  EXPECT_TRUE(has(open, "<p class=acts id=react>")) << open;
  EXPECT_TRUE(has(open, "<button form=rx name=r value=2.support.0 aria-pressed=true>Sending support <span>3</span>"));
  EXPECT_TRUE(has(open, "<button form=rx name=r value=2.me_too.1 aria-pressed=false>Me too</button>"));
  EXPECT_TRUE(has(open, "<button form=rx name=r value=2.helped.1 aria-pressed=false>This helped <span>1</span>"));
  EXPECT_TRUE(has(open, "<a href=\"?#post-2\">Done</a>"));

  // The opening post keeps its buttons open; on a later page, links keep the page.
  auto opening = reacted_reply();
  opening.depth = 0;
  EXPECT_TRUE(has(article_of(opening, m.tree()), "value=2.support.0 aria-pressed=true>"));
  auto later = m.tree();
  later.page_query = "after=5.6";
  EXPECT_TRUE(has(article_of(reacted_reply(), later), "href=\"?after=5.6&amp;to=2#react\""));
  // A locked conversation takes reactions but no replies.
  auto locked = m.tree();
  locked.can_reply = false;
  EXPECT_TRUE(has(article_of(reacted_reply(), locked), "#react\">React</a>"));
}

TEST(PostTree, AuthorsGetEditLinksRelativeToThePage) {
  Fixture f(AccountId{9}, true);
  auto tree = f.tree();
  tree.group_base = "../";
  auto p = post(2, 1, 1, 9);
  p.edited_at = 1500;
  const std::string html = article_of(p, tree);
  EXPECT_TRUE(has(html, "<a href=../p/102>Persona 2</a>")) << html;
  EXPECT_TRUE(has(html, "<a href=../posts/2/edit>Edit</a><a href=../posts/2/delete>Remove</a>"));
  EXPECT_TRUE(has(html, "<a href=../posts/2/history>edited</a>"));
  EXPECT_TRUE(has(article_of(p, f.tree()), "<a href=\"/g/g/p/102\">")) << "absolute without a base";
}

TEST(PostTree, MarksPostsWrittenSinceTheMarkByOthers) {
  Fixture f(AccountId{5}, true);
  std::vector<posts::PostView> posts{post(1, 0, std::nullopt, 9)};
  for (PostId id = 2; id <= 6; ++id) {
    auto p = post(id, 1, 1, id == 5 ? 5 : 9);  // 5 is the viewer's own
    p.created_at = 1000 + static_cast<UnixMillis>(id);
    posts.push_back(p);
  }
  posts[5].removed = true;  // post 6
  auto tree = f.tree();
  tree.new_from = thread_reads::PostMark{1003, 3};
  Html h;
  reply_tree(h, posts, tree);
  const std::string html = h.str();
  std::string marked;
  static const std::regex article(
      R"re(<article id=post-(\d+)><p class=by>(<span class="badge badge-new">New</span> )?)re");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), article); it != std::sregex_iterator(); ++it) {
    if ((*it)[2].matched) marked += (*it)[1].str() + " ";
  }
  EXPECT_EQ(marked, "3 4 ") << "not 2 (read), 5 (the viewer's own) or 6 (removed)";
  tree.new_from.reset();
  Html none;
  reply_tree(none, posts, tree);
  EXPECT_FALSE(has(none.str(), "badge-new"));
}

TEST(PostTree, RemovedPostsKeepTheirPlaceOnly) {
  auto p = post(2, 1, 1, 9);
  p.removed = true;
  p.body_html.clear();
  Fixture f(AccountId{9}, true);
  Html h;
  post_article(h, p, f.tree());
  EXPECT_EQ(h.str(), "<article id=post-2><p class=\"removed\">This post was removed by its author.</p></article>");
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

TEST(PostTree, MuteWordsFoldOthersPostsAwayForThatReaderOnly) {
  Fixture f(AccountId{50}, true);
  auto muted = post(2, 1, 1, 9);
  muted.body_html = "<p>We tried a new <strong>diet</strong> &amp; it helped</p>\n";
  auto plain = post(3, 1, 1, 9);
  auto tags_only = post(4, 1, 1, 9);
  tags_only.body_html = "<p><strong>Bold</strong> words</p>";  // "strong" is markup, not a word
  auto mine = post(5, 1, 1, 50);
  mine.body_html = "<p>My diet</p>";
  PostTreeContext tree = f.tree();
  tree.mute = safety::MuteMatcher::compile({MuteWord{1, "diet", 1}, MuteWord{2, "strong", 1}});
  Html h;
  reply_tree(h, {post(1, 0, std::nullopt, 9), muted, plain, tags_only, mine}, tree);
  const std::string html = h.str();
  const auto article = [&](PostId id) {
    const std::size_t at = html.find("<article id=post-" + std::to_string(id) + ">");
    return html.substr(at, html.find("</article>", at) - at);
  };
  EXPECT_NE(article(2).find("<details class=muted><summary>Hidden by your mute words</summary>"), std::string::npos);
  EXPECT_NE(article(2).find("<strong>diet</strong>"), std::string::npos);  // folded away, still there
  EXPECT_EQ(article(3).find("Hidden by your mute words"), std::string::npos);
  EXPECT_EQ(article(4).find("Hidden by your mute words"), std::string::npos);
  EXPECT_EQ(article(5).find("Hidden by your mute words"), std::string::npos);  // one's own post stays open
  // Without mute words (guests, members without a list) nothing changes.
  Html plain_page;
  reply_tree(plain_page, {post(1, 0, std::nullopt, 9), muted}, f.tree());
  EXPECT_EQ(plain_page.str().find("Hidden by your mute words"), std::string::npos);
}

}  // namespace
}  // namespace hearth
