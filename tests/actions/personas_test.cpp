#include "actions/personas.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "actions/groups.hpp"
#include "actions/membership.hpp"
#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

class PersonaActions : public ::testing::Test {
 protected:
  ActionEnvironment& env() { return test_.env(); }
  Store& store() { return test_.store(); }

  AccountId account(const std::string& login) {
    const AccountId id = random_id();
    store().write([&](Connection& c) { accounts::insert(c, {id, login, "unused-hash", "", test_.clock().now()}); });
    return id;
  }

  Group create(AccountId owner, const std::string& name, const std::string& persona_name = "") {
    GroupDraft d;
    d.name = name;
    d.description = "Peer support for " + name;
    d.privacy = "public";
    auto group = do_create_group(env(), owner, d, PersonaChoice{persona_name, std::nullopt});
    EXPECT_TRUE(group.ok()) << (group.ok() ? "" : group.error().message);
    return group.ok() ? *group : Group{};
  }

  PersonaId join(AccountId who, GroupId group, const std::string& persona_name = "",
                 std::optional<PersonaId> reuse = std::nullopt) {
    JoinRequest r;
    r.accepted_rules = true;
    r.persona = PersonaChoice{persona_name, reuse};
    auto joined = do_join_group(env(), who, group, r);
    EXPECT_TRUE(joined.ok()) << (joined.ok() ? "" : joined.error().message);
    return persona_of(group, who);
  }

  PersonaId persona_of(GroupId group, AccountId who) {
    const auto m = store().read([&](Connection& c) { return memberships::find(c, group, who); });
    return m ? m->persona_id : 0;
  }
  Persona stored(PersonaId id) {
    const auto p = store().read([&](Connection& c) { return personas::find(c, id); });
    EXPECT_TRUE(p.has_value());
    return p.value_or(Persona{});
  }
  // The persona as a draft, with the changes the test wants.
  Persona draft_of(PersonaId id) { return stored(id); }

  testing::TestEnvironment test_;
};

void expect_error(const Error& error, ErrorCode code, const std::string& field = {}) {
  EXPECT_EQ(error.code, code) << error.message;
  if (!field.empty()) {
    EXPECT_EQ(error.field, field) << error.message;
  }
  EXPECT_FALSE(error.message.empty());
}

TEST_F(PersonaActions, RenamingAndProfileAreStoredWithTheirAudiences) {
  const AccountId me = account("willow");
  const Group group = create(me, "New parents", "Sleepy Owl");
  const PersonaId id = persona_of(group.id, me);
  Persona draft = draft_of(id);
  draft.name = "  Wide Awake  ";
  draft.about = {"  Twins, eight months old.\nTired.  ", Audience::members};
  draft.connection = {"parent", Audience::everyone};
  draft.region = {"nz", Audience::members};
  draft.age_range = {"25-34", Audience::only_me};
  draft.pronouns = {" she/her ", Audience::everyone};
  const auto updated = do_update_persona(env(), me, id, draft);
  ASSERT_TRUE(updated.ok()) << updated.error().message;

  const Persona saved = stored(id);
  EXPECT_EQ(saved.name, "Wide Awake");
  EXPECT_EQ(saved.about.value, "Twins, eight months old.\nTired.");
  EXPECT_EQ(saved.about.audience, Audience::members);
  EXPECT_EQ(saved.connection.value, "parent");
  EXPECT_EQ(saved.connection.audience, Audience::everyone);
  EXPECT_EQ(saved.region.value, "NZ");
  EXPECT_EQ(saved.region.audience, Audience::members);
  EXPECT_EQ(saved.age_range.value, "25-34");
  EXPECT_EQ(saved.age_range.audience, Audience::only_me);
  EXPECT_EQ(saved.pronouns.value, "she/her");
  EXPECT_EQ(saved.pronouns.audience, Audience::everyone);
  EXPECT_EQ(updated->name, saved.name);
}

TEST_F(PersonaActions, IdAccountAndCreationTimeCannotBeChangedByTheDraft) {
  const AccountId me = account("willow");
  const AccountId other = account("heron");
  const Group group = create(me, "New parents");
  const PersonaId id = persona_of(group.id, me);
  const Persona before = stored(id);
  Persona draft = before;
  draft.id = random_id();
  draft.account_id = other;
  draft.created_at = 1;
  draft.name = "Someone New";
  ASSERT_TRUE(do_update_persona(env(), me, id, draft).ok());
  const Persona saved = stored(id);
  EXPECT_EQ(saved.account_id, me);
  EXPECT_EQ(saved.created_at, before.created_at);
  EXPECT_EQ(saved.name, "Someone New");
  EXPECT_FALSE(store().read([&](Connection& c) { return personas::find(c, draft.id); }).has_value());
}

TEST_F(PersonaActions, ANameTakenInAnyOfThePersonasGroupsIsAConflict) {
  const AccountId me = account("willow");
  const AccountId heron = account("heron");
  const AccountId fern = account("fern");
  const Group a = create(me, "New parents", "Sleepy Owl");
  const Group b = create(heron, "Sleep help", "Night Light");
  const Group c = create(fern, "Toddlers", "Busy Bee");
  const PersonaId mine = persona_of(a.id, me);
  join(me, b.id, "", mine);  // the same persona in groups a and b
  join(heron, a.id, "Morning Tea");

  for (const char* taken : {"Night Light", "night  LIGHT", "Morning Tea"}) {
    Persona draft = draft_of(mine);
    draft.name = taken;
    const auto clash = do_update_persona(env(), me, mine, draft);
    ASSERT_FALSE(clash.ok()) << taken;
    expect_error(clash.error(), ErrorCode::conflict, "persona_name");
  }
  EXPECT_EQ(stored(mine).name, "Sleepy Owl");

  // A name used only in a group this persona isn't in is free.
  Persona draft = draft_of(mine);
  draft.name = "Busy Bee";
  ASSERT_TRUE(do_update_persona(env(), me, mine, draft).ok());
  (void)c;
  // Changing only the case of my own name is not a clash with myself.
  draft.name = "BUSY bee";
  ASSERT_TRUE(do_update_persona(env(), me, mine, draft).ok());
  EXPECT_EQ(stored(mine).name, "BUSY bee");
}

TEST_F(PersonaActions, ARenameFreesTheOldNameAndTakesTheNewOne) {
  const AccountId me = account("willow");
  const AccountId heron = account("heron");
  const AccountId fern = account("fern");
  const Group group = create(me, "New parents", "Sleepy Owl");
  const PersonaId mine = persona_of(group.id, me);
  Persona draft = draft_of(mine);
  draft.name = "Wide Awake";
  ASSERT_TRUE(do_update_persona(env(), me, mine, draft).ok());

  // The old name can be taken by someone else now; the new one cannot.
  EXPECT_NE(join(heron, group.id, "Sleepy Owl"), 0);
  JoinRequest r;
  r.persona = PersonaChoice{"wide awake", std::nullopt};
  const auto clash = do_join_group(env(), fern, group.id, r);
  ASSERT_FALSE(clash.ok());
  expect_error(clash.error(), ErrorCode::conflict, "persona_name");
}

TEST_F(PersonaActions, TheProfileIsValidatedAndNothingIsWrittenOnError) {
  const AccountId me = account("willow");
  const Group group = create(me, "New parents", "Sleepy Owl");
  const PersonaId id = persona_of(group.id, me);
  const auto attempt = [&](void (*change)(Persona&), const std::string& field) {
    Persona draft = draft_of(id);
    draft.about = {"Changed", Audience::everyone};
    change(draft);
    const auto result = do_update_persona(env(), me, id, draft);
    ASSERT_FALSE(result.ok()) << field;
    expect_error(result.error(), ErrorCode::invalid_input, field);
  };
  attempt([](Persona& p) { p.name = "Anonymous C"; }, "persona_name");
  attempt([](Persona& p) { p.name = "Former member"; }, "persona_name");
  attempt([](Persona& p) { p.name = "x"; }, "persona_name");
  attempt([](Persona& p) { p.about.value = std::string(max_persona_about_length + 1, 'a'); }, "about");
  attempt([](Persona& p) { p.connection.value = "neighbour"; }, "connection");
  attempt([](Persona& p) { p.region.value = "ZZ"; }, "region");
  attempt([](Persona& p) { p.age_range.value = "40"; }, "age_range");
  attempt([](Persona& p) { p.pronouns.value = std::string(max_pronouns_length + 1, 'p'); }, "pronouns");
  const Persona saved = stored(id);
  EXPECT_EQ(saved.name, "Sleepy Owl");
  EXPECT_EQ(saved.about.value, "");
  EXPECT_EQ(saved.about.audience, Audience::only_me);
}

TEST_F(PersonaActions, OnlyTheOwnerEditsAPersonaAndOthersLearnNothing) {
  const AccountId me = account("willow");
  const AccountId mallory = account("mallory");
  const Group group = create(me, "New parents", "Sleepy Owl");
  const PersonaId mine = persona_of(group.id, me);
  Persona draft = draft_of(mine);
  draft.name = "Hijacked";
  const auto theirs = do_update_persona(env(), mallory, mine, draft);
  const auto missing = do_update_persona(env(), mallory, random_id(), draft);
  ASSERT_FALSE(theirs.ok());
  ASSERT_FALSE(missing.ok());
  expect_error(theirs.error(), ErrorCode::not_found);
  EXPECT_EQ(theirs.error().message, missing.error().message) << "must not reveal that the persona exists";
  EXPECT_EQ(stored(mine).name, "Sleepy Owl");
}

// ---------------------------------------------------------------------------------------
// Unlinkability: two personas of one account share nothing another member could see.

TEST_F(PersonaActions, TwoFreshPersonasOfOneAccountShareNoIdentifier) {
  const AccountId me = account("willow");
  const AccountId owner_a = account("heron");
  const AccountId owner_b = account("fern");
  const Group ocd = create(owner_a, "OCD support");
  const Group teachers = create(owner_b, "Early-career teachers");
  const PersonaId in_ocd = join(me, ocd.id);
  const PersonaId in_teachers = join(me, teachers.id);
  const Persona a = stored(in_ocd);
  const Persona b = stored(in_teachers);
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.name, b.name);
  EXPECT_NE(a.id, me);
  EXPECT_NE(b.id, me);
  // Persona ids are random, not consecutive: one can't be guessed from the other.
  EXPECT_GT(std::llabs(a.id - b.id), 1000);

  // What the other groups' members see: member lists carry persona ids and names only.
  store().read([&](Connection& c) {
    for (const GroupId g : {ocd.id, teachers.id}) {
      for (const auto& entry : memberships::active_members(c, g, 100)) {
        EXPECT_NE(entry.persona_id, me);
        EXPECT_NE(entry.persona_name.find(' '), std::string::npos);
        if (g == ocd.id) {
          EXPECT_NE(entry.persona_id, b.id);
          EXPECT_NE(entry.persona_name, b.name);
        } else {
          EXPECT_NE(entry.persona_id, a.id);
          EXPECT_NE(entry.persona_name, a.name);
        }
      }
    }
  });

  // Renaming one persona never touches the other.
  Persona draft = a;
  draft.name = "Careful Hands";
  ASSERT_TRUE(do_update_persona(env(), me, in_ocd, draft).ok());
  EXPECT_EQ(stored(in_teachers).name, b.name);
}

}  // namespace
}  // namespace hearth
