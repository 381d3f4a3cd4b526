#include "store/groups.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

class GroupStore : public ::testing::Test {
 protected:
  Store& store() { return temp_.store(); }

  Group group(const std::string& slug, Privacy privacy, UnixMillis activity = 1000) {
    Group g;
    g.id = random_id();
    g.slug = slug;
    g.name = "Group " + slug;
    g.description = "About " + slug;
    g.privacy = privacy;
    g.created_at = 500;
    g.last_activity_at = activity;
    return g;
  }
  Group insert(Group g) {
    store().write([&](Connection& c) { groups::insert(c, g); });
    return g;
  }
  // An account with a persona, active (or `status`) in `group`.
  AccountId add_member(GroupId group_id, MembershipStatus status = MembershipStatus::active) {
    const AccountId account = random_id();
    store().write([&](Connection& c) {
      accounts::insert(c, {account, "member" + std::to_string(account), "h", "", 1});
      Persona p;
      p.id = random_id();
      p.account_id = account;
      p.name = "Persona " + std::to_string(p.id);
      personas::insert(c, p);
      memberships::insert(c, {group_id, account, p.id, Role::member, false, status, "", 1, std::nullopt},
                          persona_key(p.name), "");
    });
    return account;
  }
  std::vector<std::string> directory_slugs(const groups::DirectoryFilter& filter) {
    std::vector<std::string> slugs;
    for (const auto& entry : store().read([&](Connection& c) { return groups::directory(c, filter); })) {
      slugs.push_back(entry.group.slug);
    }
    return slugs;
  }

  testing::TempStore temp_;
};

TEST_F(GroupStore, InsertAndFindRoundTripEveryField) {
  Group g = group("carers", Privacy::private_group, 1234);
  g.name = "Carers — of people with dementia";
  g.about = "Markdown *about*\n\nwith lines";
  g.region = "GB";
  g.languages = {"cy", "en"};
  g.topics = {"dementia", "caring for parents"};
  g.anonymous_posting = true;
  g.search_indexable = false;
  insert(g);
  for (const auto& found : {store().read([&](Connection& c) { return groups::find(c, g.id); }),
                            store().read([&](Connection& c) { return groups::find_by_slug(c, "carers"); })}) {
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(found->id, g.id);
    EXPECT_EQ(found->slug, "carers");
    EXPECT_EQ(found->name, g.name);
    EXPECT_EQ(found->description, g.description);
    EXPECT_EQ(found->about, g.about);
    EXPECT_EQ(found->privacy, Privacy::private_group);
    EXPECT_EQ(found->region, "GB");
    EXPECT_EQ(found->languages, g.languages);
    EXPECT_EQ(found->topics, g.topics);
    EXPECT_TRUE(found->anonymous_posting);
    EXPECT_FALSE(found->search_indexable);
    EXPECT_EQ(found->created_at, 500);
    EXPECT_EQ(found->last_activity_at, 1234);
  }
}

TEST_F(GroupStore, SlugsAreFoundIgnoringCaseAndMissingOnesAreNothing) {
  const Group g = insert(group("new-parents", Privacy::public_group));
  store().read([&](Connection& c) {
    EXPECT_EQ(groups::find_by_slug(c, "New-Parents")->id, g.id);
    EXPECT_FALSE(groups::find_by_slug(c, "new-parent").has_value());
    EXPECT_FALSE(groups::find_by_slug(c, "").has_value());
    EXPECT_FALSE(groups::find_by_slug(c, "new-parents' OR '1'='1").has_value());
    EXPECT_FALSE(groups::find(c, g.id + 1).has_value());
    EXPECT_TRUE(groups::slug_taken(c, "new-parents"));
    EXPECT_FALSE(groups::slug_taken(c, "new-parents-2"));
  });
}

TEST_F(GroupStore, TwoGroupsCannotShareASlug) {
  insert(group("same", Privacy::public_group));
  try {
    insert(group("same", Privacy::hidden_group));
    ADD_FAILURE() << "a second group took the slug";
  } catch (const DatabaseError& e) {
    EXPECT_EQ(e.kind(), DatabaseError::Kind::unique_violation);
  }
}

TEST_F(GroupStore, UpdateChangesTheDescriptionButNeverTheSlugOrCreationTime) {
  Group g = insert(group("teachers", Privacy::public_group));
  Group changed = g;
  changed.slug = "ignored";
  changed.created_at = 9;
  changed.name = "Teachers together";
  changed.description = "New words";
  changed.about = "More";
  changed.privacy = Privacy::hidden_group;
  changed.region = "AU";
  changed.languages = {"en", "mi"};
  changed.topics = {"marking"};
  changed.anonymous_posting = true;
  changed.search_indexable = true;
  store().write([&](Connection& c) { groups::update(c, changed); });
  const auto found = store().read([&](Connection& c) { return groups::find(c, g.id); });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->slug, "teachers");
  EXPECT_EQ(found->created_at, 500);
  EXPECT_EQ(found->name, "Teachers together");
  EXPECT_EQ(found->description, "New words");
  EXPECT_EQ(found->about, "More");
  EXPECT_EQ(found->privacy, Privacy::hidden_group);
  EXPECT_EQ(found->region, "AU");
  EXPECT_EQ(found->languages, (std::vector<std::string>{"en", "mi"}));
  EXPECT_EQ(found->topics, std::vector<std::string>{"marking"});
  EXPECT_TRUE(found->anonymous_posting);
  EXPECT_TRUE(found->search_indexable);
}

TEST_F(GroupStore, ActivityOnlyMovesForward) {
  const Group g = insert(group("teachers", Privacy::public_group, 1000));
  const auto activity = [&] { return store().read([&](Connection& c) { return groups::find(c, g.id)->last_activity_at; }); };
  store().write([&](Connection& c) { groups::touch_activity(c, g.id, 2000); });
  EXPECT_EQ(activity(), 2000);
  store().write([&](Connection& c) { groups::touch_activity(c, g.id, 1500); });
  EXPECT_EQ(activity(), 2000);
}

TEST_F(GroupStore, RulesAndQuestionsKeepTheirOrderAndAreReplacedWhole) {
  const Group g = insert(group("teachers", Privacy::public_group));
  const Group other = insert(group("other", Privacy::public_group));
  store().write([&](Connection& c) {
    groups::replace_rules(c, g.id, {"Be kind", "No selling", "Stay on topic"});
    groups::replace_questions(c, g.id, {"Where do you teach?"});
    groups::replace_rules(c, other.id, {"Other rule"});
  });
  store().read([&](Connection& c) {
    EXPECT_EQ(groups::rules(c, g.id), (std::vector<std::string>{"Be kind", "No selling", "Stay on topic"}));
    EXPECT_EQ(groups::questions(c, g.id), std::vector<std::string>{"Where do you teach?"});
    EXPECT_TRUE(groups::questions(c, other.id).empty());
  });
  store().write([&](Connection& c) { groups::replace_rules(c, g.id, {"Only this"}); });
  store().read([&](Connection& c) {
    EXPECT_EQ(groups::rules(c, g.id), std::vector<std::string>{"Only this"});
    EXPECT_EQ(groups::rules(c, other.id), std::vector<std::string>{"Other rule"});
  });
  store().write([&](Connection& c) { groups::replace_rules(c, g.id, {}); });
  EXPECT_TRUE(store().read([&](Connection& c) { return groups::rules(c, g.id); }).empty());
}

TEST_F(GroupStore, ServicesAreListedByNameAndRemovedOnlyFromTheirGroup) {
  const Group g = insert(group("teachers", Privacy::public_group));
  const Group other = insert(group("other", Privacy::public_group));
  store().write([&](Connection& c) {
    groups::add_service(c, g.id, {11, "Zed line", "0800 1", "", ""});
    groups::add_service(c, g.id, {12, "Alpha line", "", "https://alpha.example", "Chat"});
    groups::add_service(c, other.id, {0, "Other", "1", "", ""});  // id 0: one is chosen
  });
  const auto services = store().read([&](Connection& c) { return groups::services(c, g.id); });
  ASSERT_EQ(services.size(), 2u);
  EXPECT_EQ(services[0].name, "Alpha line");
  EXPECT_EQ(services[0].website, "https://alpha.example");
  EXPECT_EQ(services[0].description, "Chat");
  EXPECT_EQ(services[1].name, "Zed line");
  const auto others = store().read([&](Connection& c) { return groups::services(c, other.id); });
  ASSERT_EQ(others.size(), 1u);
  EXPECT_NE(others[0].id, 0);
  EXPECT_FALSE(store().write([&](Connection& c) { return groups::remove_service(c, other.id, 11); }));
  EXPECT_TRUE(store().write([&](Connection& c) { return groups::remove_service(c, g.id, 11); }));
  EXPECT_FALSE(store().write([&](Connection& c) { return groups::remove_service(c, g.id, 11); }));
  EXPECT_EQ(store().read([&](Connection& c) { return groups::services(c, g.id); }).size(), 1u);
}

TEST_F(GroupStore, TheDirectoryNeverListsHiddenGroups) {
  Group hidden = group("secret-dementia", Privacy::hidden_group, 9999);
  hidden.name = "Dementia secret circle";
  hidden.topics = {"dementia"};
  hidden.region = "GB";
  hidden.languages = {"en"};
  insert(hidden);
  Group open = group("dementia-carers", Privacy::public_group, 10);
  open.name = "Dementia carers";
  open.topics = {"dementia"};
  open.region = "GB";
  open.languages = {"en"};
  insert(open);
  add_member(hidden.id);
  EXPECT_EQ(directory_slugs({}), std::vector<std::string>{"dementia-carers"});
  EXPECT_EQ(directory_slugs({.query = "secret"}), std::vector<std::string>{});
  EXPECT_EQ(directory_slugs({.query = "Dementia secret circle"}), std::vector<std::string>{});
  EXPECT_EQ(directory_slugs({.query = "dementia"}), std::vector<std::string>{"dementia-carers"});
  EXPECT_EQ(directory_slugs({.topic = "dementia"}), std::vector<std::string>{"dementia-carers"});
  EXPECT_EQ(directory_slugs({.region = "GB"}), std::vector<std::string>{"dementia-carers"});
  EXPECT_EQ(directory_slugs({.language = "en"}), std::vector<std::string>{"dementia-carers"});
  EXPECT_EQ(directory_slugs({.query = "%"}), std::vector<std::string>{}) << "a percent sign, not a wildcard";
}

TEST_F(GroupStore, TheDirectoryFiltersByNameTopicRegionAndLanguage) {
  Group diabetes = group("type-1", Privacy::public_group, 300);
  diabetes.name = "Type 1 Diabetes";
  diabetes.description = "Insulin, pumps and everything";
  diabetes.topics = {"diabetes", "chronic illness"};
  diabetes.region = "AU";
  diabetes.languages = {"en"};
  insert(diabetes);
  Group parents = group("new-parents", Privacy::private_group, 200);
  parents.name = "New Parents";
  parents.description = "Sleepless together";
  parents.topics = {"parenting", "sleep"};
  parents.region = "NZ";
  parents.languages = {"en", "mi"};
  insert(parents);
  Group teachers = group("teachers", Privacy::public_group, 100);
  teachers.name = "Enseignants";
  teachers.description = "Pour les profs";
  teachers.topics = {"teaching"};
  teachers.languages = {"fr"};
  insert(teachers);

  EXPECT_EQ(directory_slugs({}), (std::vector<std::string>{"type-1", "new-parents", "teachers"}))
      << "most recently active first";
  EXPECT_EQ(directory_slugs({.query = "DIABETES"}), std::vector<std::string>{"type-1"});
  EXPECT_EQ(directory_slugs({.query = "pumps"}), std::vector<std::string>{"type-1"}) << "matches descriptions";
  EXPECT_EQ(directory_slugs({.query = "sleep"}), std::vector<std::string>{"new-parents"});
  EXPECT_EQ(directory_slugs({.query = "parenting"}), std::vector<std::string>{"new-parents"}) << "matches topics";
  EXPECT_EQ(directory_slugs({.topic = "sleep"}), std::vector<std::string>{"new-parents"});
  EXPECT_EQ(directory_slugs({.topic = "Sleep"}), std::vector<std::string>{"new-parents"});
  EXPECT_EQ(directory_slugs({.topic = "slee"}), std::vector<std::string>{}) << "topics match whole";
  EXPECT_EQ(directory_slugs({.topic = "chronic illness"}), std::vector<std::string>{"type-1"});
  EXPECT_EQ(directory_slugs({.region = "NZ"}), std::vector<std::string>{"new-parents"});
  EXPECT_EQ(directory_slugs({.language = "mi"}), std::vector<std::string>{"new-parents"});
  EXPECT_EQ(directory_slugs({.language = "en"}), (std::vector<std::string>{"type-1", "new-parents"}));
  EXPECT_EQ(directory_slugs({.language = "e"}), std::vector<std::string>{}) << "languages match whole codes";
  EXPECT_EQ(directory_slugs({.query = "new", .language = "fr"}), std::vector<std::string>{});
  EXPECT_EQ(directory_slugs({.limit = 2}), (std::vector<std::string>{"type-1", "new-parents"}));
}

TEST_F(GroupStore, PercentUnderscoreAndBackslashInASearchMatchThemselves) {
  Group hundred = group("hundred", Privacy::public_group, 300);
  hundred.name = "100% honest carers";
  hundred.topics = {"self_care"};
  insert(hundred);
  Group other = group("other", Privacy::public_group, 200);
  other.name = "1000 days of sleep";
  other.description = "selfcare and back\\slash";
  other.topics = {"selfXcare"};
  insert(other);

  EXPECT_EQ(directory_slugs({.query = "100%"}), std::vector<std::string>{"hundred"});
  EXPECT_EQ(directory_slugs({.query = "%"}), std::vector<std::string>{"hundred"});
  EXPECT_EQ(directory_slugs({.query = "self_care"}), std::vector<std::string>{"hundred"});
  EXPECT_EQ(directory_slugs({.topic = "self_care"}), std::vector<std::string>{"hundred"});
  EXPECT_EQ(directory_slugs({.topic = "%"}), std::vector<std::string>{});
  EXPECT_EQ(directory_slugs({.query = "back\\slash"}), std::vector<std::string>{"other"});
  EXPECT_EQ(directory_slugs({.query = "\\"}), std::vector<std::string>{"other"});
}

TEST_F(GroupStore, TheDirectoryCountsOnlyActiveMembers) {
  const Group g = insert(group("teachers", Privacy::private_group));
  add_member(g.id);
  add_member(g.id);
  add_member(g.id, MembershipStatus::pending);
  add_member(g.id, MembershipStatus::declined);
  add_member(g.id, MembershipStatus::banned);
  const auto entries = store().read([&](Connection& c) { return groups::directory(c, {}); });
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].member_count, 2);
}

}  // namespace
}  // namespace hearth
