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
  PostTreeContext tree() { return PostTreeContext{group, viewer, viewer.membership.has_value(), viewer.membership.has_value(), "", std::nullopt, {}, time}; }
};

// The nesting as a string: "(" opens a list, ")" closes it, digits are post ids.
std::string shape(const std::string& html) {
  std::string out;
  static const std::regex token(R"re(<ol[ >]|</ol>|<article id="post-(\d+)")re");
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
  // Balanced list items too.
  const std::string html = h.str();
  std::size_t opened = 0, closed = 0;
  for (std::size_t at = 0; (at = html.find("<li>", at)) != std::string::npos; ++at) ++opened;
  for (std::size_t at = 0; (at = html.find("</li>", at)) != std::string::npos; ++at) ++closed;
  EXPECT_EQ(opened, 6u);
  EXPECT_EQ(closed, 6u);
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

TEST(PostTree, GuestsSeeCountsMembersSeeButtons) {
  auto p = post(2, 1, 1, 9);
  p.reactions = {3, 0, 1};
  p.viewer_reacted = {true, false, false};
  Html guest;
  Fixture g(std::nullopt, false);
  post_article(guest, p, g.tree());
  EXPECT_NE(guest.str().find("<p class=\"rx\">Sending support 3 · This helped 1</p>"), std::string::npos);
  EXPECT_EQ(guest.str().find("<button"), std::string::npos);
  Html member;
  Fixture m(AccountId{5}, true);
  post_article(member, p, m.tree());
  EXPECT_NE(member.str().find("value=\"2.support.0\" aria-pressed=\"true\">Sending support <span>3</span>"),
            std::string::npos);
  EXPECT_NE(member.str().find("value=\"2.me_too.1\" aria-pressed=\"false\">Me too</button>"), std::string::npos);
  EXPECT_NE(member.str().find("href=\"?reply_to=2#reply\""), std::string::npos);
  EXPECT_EQ(member.str().find("/edit"), std::string::npos) << "not the viewer's post";
}

TEST(PostTree, RemovedPostsKeepTheirPlaceOnly) {
  auto p = post(2, 1, 1, 9);
  p.removed = true;
  p.body_html.clear();
  Fixture f(AccountId{9}, true);
  Html h;
  post_article(h, p, f.tree());
  EXPECT_EQ(h.str(), "<article id=\"post-2\"><p class=\"removed\">This post was removed by its author.</p></article>");
}

}  // namespace
}  // namespace hearth
