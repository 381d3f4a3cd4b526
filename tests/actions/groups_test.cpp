#include "actions/groups.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "actions/group_lookup.hpp"
#include "actions/membership.hpp"
#include "actions/sessions.hpp"
#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/audit_log.hpp"
#include "store/groups.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

// Every table a group write may touch: "nothing written" means all of them are unchanged.
constexpr const char* group_tables[] = {"support_groups", "group_rules", "group_questions", "group_services",
                                        "personas",       "memberships", "group_invites"};

class GroupActions : public ::testing::Test {
 protected:
  ActionEnvironment& env() { return test_.env(); }
  Store& store() { return test_.store(); }

  // Accounts are inserted directly: these tests are about groups, not password hashing.
  AccountId account(const std::string& login) {
    const AccountId id = random_id();
    store().write([&](Connection& c) { accounts::insert(c, {id, login, "unused-hash", "", test_.clock().now()}); });
    return id;
  }

  static GroupDraft draft(const std::string& name, const std::string& privacy = "public") {
    GroupDraft d;
    d.name = name;
    d.description = "Peer support for " + name;
    d.privacy = privacy;
    return d;
  }

  Group create(AccountId owner, const GroupDraft& d, const PersonaChoice& choice = {}) {
    auto group = do_create_group(env(), owner, d, choice);
    EXPECT_TRUE(group.ok()) << (group.ok() ? "" : group.error().message);
    return group.ok() ? *group : Group{};
  }

  void join(AccountId account, GroupId group, MembershipStatus expected = MembershipStatus::active) {
    JoinRequest request;
    request.accepted_rules = true;
    request.answers = std::vector<std::string>(max_questions, "An answer");
    auto joined = do_join_group(env(), account, group, request);
    ASSERT_TRUE(joined.ok()) << joined.error().message;
    EXPECT_EQ(*joined, expected);
  }

  // Makes `account` an active member of `group` with `role` (the owner grants it).
  void member_with_role(AccountId owner, AccountId account, GroupId group, Role role) {
    join(account, group);
    if (role == Role::member) return;
    const auto m = membership(group, account);
    ASSERT_TRUE(m.has_value());
    ASSERT_TRUE(do_set_role(env(), owner, group, m->persona_id, role).ok());
  }

  std::optional<Membership> membership(GroupId group, AccountId account) {
    return store().read([&](Connection& c) { return memberships::find(c, group, account); });
  }
  std::optional<Group> stored(GroupId id) {
    return store().read([&](Connection& c) { return groups::find(c, id); });
  }
  int64_t count(const std::string& table) {
    return store().read([&](Connection& c) { return c.first_i64("SELECT COUNT(*) FROM " + table).value_or(-1); });
  }
  std::vector<int64_t> counts() {
    std::vector<int64_t> out;
    for (const char* table : group_tables) out.push_back(count(table));
    return out;
  }

  testing::TestEnvironment test_;
};

void expect_error(const Error& error, ErrorCode code, const std::string& field = {}) {
  EXPECT_EQ(error.code, code) << error.message;
  if (!field.empty()) {
    EXPECT_EQ(error.field, field) << error.message;
  }
  EXPECT_FALSE(error.message.empty());
}

void expect_same_error(const Error& a, const Error& b) {
  EXPECT_EQ(a.code, b.code);
  EXPECT_EQ(a.message, b.message);
  EXPECT_EQ(a.field, b.field);
}

// ---------------------------------------------------------------------------------------
// Creating a group

TEST_F(GroupActions, CreateStoresTheGroupWithTheCreatorAsOwner) {
  const AccountId creator = account("willow");
  GroupDraft d = draft("Carers of people with dementia", "private");
  d.about = "We meet here.";
  d.region = "gb";
  d.languages = {"en", "cy"};
  d.topics = {"Dementia", "caring"};
  d.rules = {"Be kind", "What is said here stays here"};
  d.questions = {"Who do you care for?", "How did you find us?"};
  d.anonymous_posting = true;
  const Group group = create(creator, d);

  EXPECT_NE(group.id, 0);
  EXPECT_EQ(group.slug, "carers-of-people-with-dementia");
  EXPECT_EQ(group.created_at, test_.clock().now());
  EXPECT_EQ(group.last_activity_at, test_.clock().now());

  const auto saved = stored(group.id);
  ASSERT_TRUE(saved.has_value());
  EXPECT_EQ(saved->name, "Carers of people with dementia");
  EXPECT_EQ(saved->slug, group.slug);
  EXPECT_EQ(saved->about, "We meet here.");
  EXPECT_EQ(saved->privacy, Privacy::private_group);
  EXPECT_EQ(saved->region, "GB");
  EXPECT_EQ(saved->languages, (std::vector<std::string>{"cy", "en"}));
  EXPECT_EQ(saved->topics, (std::vector<std::string>{"dementia", "caring"}));
  EXPECT_TRUE(saved->anonymous_posting);
  EXPECT_FALSE(saved->search_indexable);
  store().read([&](Connection& c) {
    EXPECT_EQ(groups::rules(c, group.id), d.rules);
    EXPECT_EQ(groups::questions(c, group.id), d.questions);
  });

  const auto owner = membership(group.id, creator);
  ASSERT_TRUE(owner.has_value());
  EXPECT_EQ(owner->role, Role::owner);
  EXPECT_EQ(owner->status, MembershipStatus::active);
  EXPECT_EQ(owner->joined_at, test_.clock().now());
  EXPECT_FALSE(owner->trained_volunteer);
  EXPECT_EQ(count("memberships"), 1);
  EXPECT_EQ(store().read([&](Connection& c) { return memberships::count_with_role(c, group.id, Role::owner); }), 1);

  const auto audit = store().read([&](Connection& c) { return audit_log::recent_for(c, creator, 10); });
  ASSERT_FALSE(audit.empty());
  EXPECT_EQ(audit.front().action, "group.created");
}

TEST_F(GroupActions, CreateGivesTheOwnerAFreshFriendlyPseudonym) {
  const AccountId creator = account("willow");
  const Group group = create(creator, draft("New parents"));
  const auto owner = membership(group.id, creator);
  ASSERT_TRUE(owner.has_value());
  const auto persona = store().read([&](Connection& c) { return personas::find(c, owner->persona_id); });
  ASSERT_TRUE(persona.has_value());
  EXPECT_EQ(persona->account_id, creator);
  EXPECT_TRUE(std::regex_match(persona->name, std::regex("[A-Z][a-z]+ [A-Z][a-z]+ [1-9][0-9]"))) << persona->name;
  EXPECT_EQ(persona->about.audience, Audience::only_me);
  EXPECT_EQ(persona->created_at, test_.clock().now());
  EXPECT_NE(persona->id, creator);
  EXPECT_NE(persona->id, group.id);
}

TEST_F(GroupActions, CreateWithAChosenPseudonym) {
  const AccountId creator = account("willow");
  const Group group = create(creator, draft("New parents"), PersonaChoice{"  Sleepy Owl  ", std::nullopt});
  const auto owner = membership(group.id, creator);
  ASSERT_TRUE(owner.has_value());
  const auto persona = store().read([&](Connection& c) { return personas::find(c, owner->persona_id); });
  ASSERT_TRUE(persona.has_value());
  EXPECT_EQ(persona->name, "Sleepy Owl");
}

TEST_F(GroupActions, CreateWithAReservedPseudonymWritesNothing) {
  const AccountId creator = account("willow");
  const auto before = counts();
  auto result = do_create_group(env(), creator, draft("New parents"), PersonaChoice{"Anonymous B", std::nullopt});
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "persona_name");
  EXPECT_EQ(counts(), before);
  EXPECT_FALSE(store().read([](Connection& c) { return groups::slug_taken(c, "new-parents"); }));
}

TEST_F(GroupActions, CreateReusingAnotherAccountsPersonaWritesNothing) {
  const AccountId mallory = account("mallory");
  const AccountId willow = account("willow");
  const Group first = create(willow, draft("Teachers"));
  const PersonaId willows = membership(first.id, willow)->persona_id;
  const auto before = counts();
  auto result = do_create_group(env(), mallory, draft("Fake teachers"), PersonaChoice{"", willows});
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "persona");
  EXPECT_EQ(counts(), before);
}

TEST_F(GroupActions, CreateCanReuseOneOfMyPersonas) {
  const AccountId creator = account("willow");
  const Group first = create(creator, draft("Teachers"), PersonaChoice{"Chalk Dust", std::nullopt});
  const PersonaId mine = membership(first.id, creator)->persona_id;
  const Group second = create(creator, draft("Early-career teachers"), PersonaChoice{"", mine});
  EXPECT_EQ(membership(second.id, creator)->persona_id, mine);
  EXPECT_EQ(count("personas"), 1) << "reusing must not create a second persona";
}

TEST_F(GroupActions, AnInvalidDraftWritesNothingAtAll) {
  const AccountId creator = account("willow");
  const auto before = counts();
  GroupDraft d = draft("New parents");
  d.rules = {"Be kind"};
  d.questions = {"Why?"};
  d.privacy = "secret";
  auto result = do_create_group(env(), creator, d, {});
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "privacy");
  d.privacy = "public";
  d.name = "x";
  result = do_create_group(env(), creator, d, {});
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "name");
  d.name = "New parents";
  d.topics.clear();
  for (std::size_t i = 0; i <= max_topics; ++i) d.topics.push_back("topic " + std::to_string(i));
  result = do_create_group(env(), creator, d, {});
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "topics");
  EXPECT_EQ(counts(), before);
  EXPECT_EQ(before, std::vector<int64_t>(std::size(group_tables), 0));
}

TEST_F(GroupActions, ATakenSlugGetsANumber) {
  const AccountId a = account("willow");
  const AccountId b = account("heron");
  EXPECT_EQ(create(a, draft("New parents")).slug, "new-parents");
  EXPECT_EQ(create(b, draft("New Parents!")).slug, "new-parents-2");
  EXPECT_EQ(create(a, draft("new   parents")).slug, "new-parents-3");
  const std::string hidden_slug = create(b, draft("New parents", "hidden")).slug;
  EXPECT_TRUE(std::regex_match(hidden_slug, std::regex("new-parents-[a-z2-9]{6}"))) << hidden_slug;
  EXPECT_EQ(create(a, draft("New parents")).slug, "new-parents-4") << "hidden groups don't take numbered names";
  EXPECT_EQ(count("support_groups"), 5);
}

TEST_F(GroupActions, OnlyPublicGroupsAreStoredAsIndexable) {
  const AccountId creator = account("willow");
  for (const char* privacy : {"public", "private", "hidden"}) {
    GroupDraft d = draft(std::string("Indexing ") + privacy, privacy);
    d.search_indexable = true;
    const Group group = create(creator, d);
    EXPECT_EQ(stored(group.id)->search_indexable, std::string(privacy) == "public") << privacy;
  }
  EXPECT_FALSE(stored(create(creator, draft("Default indexing")).id)->search_indexable) << "noindex by default";
}

TEST_F(GroupActions, GroupIdsAreRandomNotSequential) {
  const AccountId creator = account("willow");
  std::vector<GroupId> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(create(creator, draft("Group number " + std::to_string(i))).id);
  for (std::size_t i = 1; i < ids.size(); ++i) {
    EXPECT_GT(std::llabs(ids[i] - ids[i - 1]), 1000) << "ids must not reveal creation order";
  }
}

// ---------------------------------------------------------------------------------------
// Updating a group

TEST_F(GroupActions, TheOwnerAndAdminsUpdateAndRulesAreReplaced) {
  const AccountId owner = account("willow");
  const AccountId admin = account("heron");
  GroupDraft d = draft("New parents");
  d.rules = {"Be kind", "No selling"};
  d.questions = {"Why?"};
  const Group group = create(owner, d);
  member_with_role(owner, admin, group.id, Role::admin);
  test_.clock().advance(60'000);

  GroupDraft changed = draft("New parents together", "private");
  changed.description = "Sleepless, together.";
  changed.rules = {"Be kind"};
  changed.questions = {"How old is your baby?", "Where did you hear of us?"};
  changed.topics = {"Sleep"};
  changed.search_indexable = true;
  auto by_admin = do_update_group(env(), admin, group.id, changed);
  ASSERT_TRUE(by_admin.ok()) << by_admin.error().message;
  EXPECT_EQ(by_admin->slug, "new-parents") << "the address stays when the name changes";
  EXPECT_EQ(by_admin->created_at, group.created_at);

  const auto saved = stored(group.id);
  EXPECT_EQ(saved->name, "New parents together");
  EXPECT_EQ(saved->description, "Sleepless, together.");
  EXPECT_EQ(saved->privacy, Privacy::private_group);
  EXPECT_EQ(saved->topics, std::vector<std::string>{"sleep"});
  EXPECT_FALSE(saved->search_indexable) << "private groups are never indexable";
  EXPECT_EQ(saved->slug, "new-parents");
  EXPECT_EQ(saved->created_at, group.created_at);
  store().read([&](Connection& c) {
    EXPECT_EQ(groups::rules(c, group.id), std::vector<std::string>{"Be kind"});
    EXPECT_EQ(groups::questions(c, group.id), changed.questions);
  });

  changed.rules = {};
  changed.questions = {};
  ASSERT_TRUE(do_update_group(env(), owner, group.id, changed).ok());
  EXPECT_EQ(count("group_rules"), 0);
  EXPECT_EQ(count("group_questions"), 0);
}

TEST_F(GroupActions, MembersAndModeratorsCannotUpdate) {
  const AccountId owner = account("willow");
  const AccountId member = account("heron");
  const AccountId moderator = account("fern");
  const AccountId outsider = account("otter");
  const Group group = create(owner, draft("New parents"));
  member_with_role(owner, member, group.id, Role::member);
  member_with_role(owner, moderator, group.id, Role::moderator);
  for (const AccountId who : {member, moderator, outsider}) {
    auto result = do_update_group(env(), who, group.id, draft("Taken over"));
    ASSERT_FALSE(result.ok());
    expect_error(result.error(), ErrorCode::forbidden);
  }
  EXPECT_EQ(stored(group.id)->name, "New parents");
}

TEST_F(GroupActions, AHiddenGroupIsNotFoundForOutsidersExactlyLikeAMissingOne) {
  const AccountId owner = account("willow");
  const AccountId outsider = account("otter");
  const Group group = create(owner, draft("Secret circle", "hidden"));
  const auto hidden = do_update_group(env(), outsider, group.id, draft("Taken over"));
  const auto missing = do_update_group(env(), outsider, random_id(), draft("Taken over"));
  ASSERT_FALSE(hidden.ok());
  ASSERT_FALSE(missing.ok());
  expect_error(hidden.error(), ErrorCode::not_found);
  expect_same_error(hidden.error(), missing.error());
  EXPECT_EQ(stored(group.id)->name, "Secret circle");

  // The services, too.
  const auto service = do_add_group_service(env(), outsider, group.id, {0, "Helpline", "0800 000", "", ""});
  ASSERT_FALSE(service.ok());
  expect_same_error(service.error(), missing.error());
  const auto removal = do_remove_group_service(env(), outsider, group.id, 1);
  ASSERT_FALSE(removal.ok());
  expect_same_error(removal.error(), missing.error());
}

TEST_F(GroupActions, AnInvalidUpdateChangesNothing) {
  const AccountId owner = account("willow");
  GroupDraft d = draft("New parents");
  d.rules = {"Be kind"};
  const Group group = create(owner, d);
  GroupDraft bad = draft("New parents");
  bad.rules = {};
  bad.description = "";
  const auto result = do_update_group(env(), owner, group.id, bad);
  ASSERT_FALSE(result.ok());
  expect_error(result.error(), ErrorCode::invalid_input, "description");
  EXPECT_EQ(stored(group.id)->description, "Peer support for New parents");
  EXPECT_EQ(count("group_rules"), 1);
}

TEST_F(GroupActions, ServicesAreManagedByAdmins) {
  const AccountId owner = account("willow");
  const AccountId member = account("heron");
  const Group group = create(owner, draft("New parents"));
  member_with_role(owner, member, group.id, Role::member);

  ASSERT_TRUE(do_add_group_service(env(), owner, group.id,
                                   {0, "  Parent line ", "0800 123 456", "https://example.org", "Day and night"})
                  .ok());
  auto denied = do_add_group_service(env(), member, group.id, {0, "Spam", "", "https://spam.example", ""});
  ASSERT_FALSE(denied.ok());
  expect_error(denied.error(), ErrorCode::forbidden);

  auto no_contact = do_add_group_service(env(), owner, group.id, {0, "Nothing", "", "", ""});
  ASSERT_FALSE(no_contact.ok());
  expect_error(no_contact.error(), ErrorCode::invalid_input, "phone");
  auto script = do_add_group_service(env(), owner, group.id, {0, "Bad", "", "javascript:alert(1)", ""});
  ASSERT_FALSE(script.ok());
  expect_error(script.error(), ErrorCode::invalid_input, "website");
  auto nameless = do_add_group_service(env(), owner, group.id, {0, "  ", "0800", "", ""});
  ASSERT_FALSE(nameless.ok());
  expect_error(nameless.error(), ErrorCode::invalid_input, "name");

  const auto services = store().read([&](Connection& c) { return groups::services(c, group.id); });
  ASSERT_EQ(services.size(), 1u);
  EXPECT_EQ(services[0].name, "Parent line");
  EXPECT_EQ(services[0].phone, "0800 123 456");

  auto removal = do_remove_group_service(env(), member, group.id, services[0].id);
  ASSERT_FALSE(removal.ok());
  expect_error(removal.error(), ErrorCode::forbidden);
  ASSERT_TRUE(do_remove_group_service(env(), owner, group.id, services[0].id).ok());
  auto again = do_remove_group_service(env(), owner, group.id, services[0].id);
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), ErrorCode::not_found);
}

TEST_F(GroupActions, AtMostTwentyServices) {
  const AccountId owner = account("willow");
  const Group group = create(owner, draft("New parents"));
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(do_add_group_service(env(), owner, group.id, {0, "Line " + std::to_string(i), "0800", "", ""}).ok());
  }
  auto full = do_add_group_service(env(), owner, group.id, {0, "One more", "0800", "", ""});
  ASSERT_FALSE(full.ok());
  expect_error(full.error(), ErrorCode::conflict);
  EXPECT_EQ(count("group_services"), 20);
}

// ---------------------------------------------------------------------------------------
// Finding a group as a viewer sees it

TEST_F(GroupActions, LookupHidesHiddenGroupsFromEveryoneButActiveMembers) {
  const AccountId owner = account("willow");
  const AccountId outsider = account("otter");
  const Group hidden = create(owner, draft("Secret circle", "hidden"));
  const Group priv = create(owner, draft("Private circle", "private"));

  EXPECT_TRUE(find_group_for(env(), hidden.slug, owner).has_value());
  std::string upper = hidden.slug;
  for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  EXPECT_TRUE(find_group_for(env(), upper, owner).has_value());
  EXPECT_FALSE(find_group_for(env(), hidden.slug, outsider).has_value());
  EXPECT_FALSE(find_group_for(env(), hidden.slug, std::nullopt).has_value());
  EXPECT_FALSE(find_group_for(env(), "secret-circle", owner).has_value()) << "the plain name was never its address";
  EXPECT_FALSE(find_group_by_id_for(env(), hidden.id, outsider).has_value());
  EXPECT_FALSE(find_group_by_id_for(env(), hidden.id, std::nullopt).has_value());

  const auto seen = find_group_for(env(), "private-circle", std::nullopt);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->group.id, priv.id);
  EXPECT_FALSE(seen->viewer.account.has_value());
  const auto as_owner = find_group_by_id_for(env(), priv.id, owner);
  ASSERT_TRUE(as_owner.has_value());
  ASSERT_TRUE(as_owner->viewer.membership.has_value());
  EXPECT_EQ(as_owner->viewer.membership->role, Role::owner);

  EXPECT_FALSE(find_group_for(env(), "", owner).has_value());
  EXPECT_FALSE(find_group_for(env(), std::string(101, 'a'), owner).has_value());
  EXPECT_FALSE(find_group_for(env(), "no-such-group", owner).has_value());
}

}  // namespace
}  // namespace hearth

namespace hearth {

TEST(HiddenGroupSlugs, AHiddenGroupNeverTakesThePlainNameSoNoOtherGroupLearnsOfIt) {
  testing::TestEnvironment test;
  auto make_account = [&](const char* login) {
    auto outcome = do_sign_up(test.env(), {login, "a long password", "", login});
    return outcome->account_id;
  };
  const AccountId a = make_account("hider"), b = make_account("public-maker");
  GroupDraft hidden{"Secret circle", "A quiet place.", "", "hidden"};
  auto secret = do_create_group(test.env(), a, hidden, {});
  ASSERT_TRUE(secret.ok());
  EXPECT_NE(secret->slug, "secret-circle");
  EXPECT_EQ(secret->slug.rfind("secret-circle-", 0), 0u);
  EXPECT_EQ(secret->slug.size(), std::string("secret-circle-").size() + 6);
  GroupDraft listed{"Secret circle", "Another group with the same name.", "", "public"};
  auto open = do_create_group(test.env(), b, listed, {});
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->slug, "secret-circle") << "the plain name must be free whatever hidden groups exist";
}

}  // namespace hearth
