#include "store/memberships.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/groups.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

class MembershipStore : public ::testing::Test {
 protected:
  Store& store() { return temp_.store(); }

  GroupId group(const std::string& slug, UnixMillis activity = 1000, Privacy privacy = Privacy::public_group) {
    Group g;
    g.id = random_id();
    g.slug = slug;
    g.name = "Group " + slug;
    g.description = "About " + slug;
    g.privacy = privacy;
    g.created_at = 1;
    g.last_activity_at = activity;
    store().write([&](Connection& c) { groups::insert(c, g); });
    return g.id;
  }
  AccountId account() {
    const AccountId id = random_id();
    store().write([&](Connection& c) { accounts::insert(c, {id, "acct" + std::to_string(id), "h", "", 1}); });
    return id;
  }
  PersonaId persona(AccountId account, const std::string& name) {
    Persona p;
    p.id = random_id();
    p.account_id = account;
    p.name = name;
    p.created_at = 1;
    store().write([&](Connection& c) { personas::insert(c, p); });
    return p.id;
  }
  Membership add(GroupId g, AccountId a, PersonaId p, const std::string& persona_name, Role role = Role::member,
                 MembershipStatus status = MembershipStatus::active, UnixMillis requested_at = 10,
                 const std::string& answers = "") {
    Membership m{g, a, p, role, false, status, "", requested_at,
                 status == MembershipStatus::active ? std::optional<UnixMillis>(requested_at + 1) : std::nullopt};
    store().write([&](Connection& c) { memberships::insert(c, m, persona_key(persona_name), answers); });
    return m;
  }
  // A new account with a new persona called `name`, in group `g`.
  AccountId member(GroupId g, const std::string& name, Role role = Role::member,
                   MembershipStatus status = MembershipStatus::active, UnixMillis requested_at = 10) {
    const AccountId a = account();
    add(g, a, persona(a, name), name, role, status, requested_at);
    return a;
  }
  std::optional<Membership> find(GroupId g, AccountId a) {
    return store().read([&](Connection& c) { return memberships::find(c, g, a); });
  }

  testing::TempStore temp_;
};

TEST_F(MembershipStore, InsertAndFindRoundTrip) {
  const GroupId g = group("teachers");
  const AccountId a = account();
  const PersonaId p = persona(a, "Chalk Dust");
  Membership m{g, a, p, Role::moderator, true, MembershipStatus::active, "Welcome!", 100, 200};
  store().write([&](Connection& c) { memberships::insert(c, m, "chalk dust", R"(["an answer"])"); });
  const auto found = find(g, a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->group_id, g);
  EXPECT_EQ(found->account_id, a);
  EXPECT_EQ(found->persona_id, p);
  EXPECT_EQ(found->role, Role::moderator);
  EXPECT_TRUE(found->trained_volunteer);
  EXPECT_EQ(found->status, MembershipStatus::active);
  EXPECT_EQ(found->decision_reason, "Welcome!");
  EXPECT_EQ(found->requested_at, 100);
  EXPECT_EQ(found->joined_at, 200);
  EXPECT_FALSE(find(g, account()).has_value());
  EXPECT_FALSE(find(group("other"), a).has_value());
}

TEST_F(MembershipStore, APendingRequestHasNoJoinTime) {
  const GroupId g = group("teachers");
  const AccountId a = member(g, "Chalk Dust", Role::member, MembershipStatus::pending);
  const auto found = find(g, a);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, MembershipStatus::pending);
  EXPECT_FALSE(found->joined_at.has_value());
}

TEST_F(MembershipStore, OneMembershipPerAccountAndOneNamePerGroup) {
  const GroupId g = group("teachers");
  const AccountId a = member(g, "Chalk Dust");
  const auto expect_unique_violation = [](auto&& body) {
    try {
      body();
      ADD_FAILURE() << "the database accepted a duplicate";
    } catch (const DatabaseError& e) {
      EXPECT_EQ(e.kind(), DatabaseError::Kind::unique_violation);
    }
  };
  expect_unique_violation([&] { add(g, a, persona(a, "Another Name"), "Another Name"); });
  const AccountId b = account();
  expect_unique_violation([&] { add(g, b, persona(b, "CHALK  dust"), "CHALK  dust"); });
  // The same name in another group is fine.
  add(group("other"), b, persona(b, "Chalk Dust"), "Chalk Dust");
}

TEST_F(MembershipStore, PersonaNameTakenIgnoresThePersonaItself) {
  const GroupId g = group("teachers");
  const AccountId a = account();
  const PersonaId p = persona(a, "Chalk Dust");
  add(g, a, p, "Chalk Dust");
  store().read([&](Connection& c) {
    EXPECT_TRUE(memberships::persona_name_taken(c, g, "chalk dust", 0));
    EXPECT_FALSE(memberships::persona_name_taken(c, g, "chalk dust", p));
    EXPECT_FALSE(memberships::persona_name_taken(c, g, "red pen", 0));
    EXPECT_FALSE(memberships::persona_name_taken(c, random_id(), "chalk dust", 0));
  });
  // A pending applicant's name is taken too: two people can't apply as the same name.
  member(g, "Red Pen", Role::member, MembershipStatus::pending);
  EXPECT_TRUE(store().read([&](Connection& c) { return memberships::persona_name_taken(c, g, "red pen", 0); }));
}

TEST_F(MembershipStore, StatusRoleBadgeAndRemoval) {
  const GroupId g = group("teachers");
  const GroupId other = group("other");
  const AccountId a = member(g, "Chalk Dust", Role::member, MembershipStatus::pending);
  const AccountId elsewhere = account();
  add(other, elsewhere, persona(elsewhere, "Red Pen"), "Red Pen", Role::member, MembershipStatus::pending);

  store().write([&](Connection& c) { memberships::set_status(c, g, a, MembershipStatus::declined, "Not yet", {}); });
  EXPECT_EQ(find(g, a)->status, MembershipStatus::declined);
  EXPECT_EQ(find(g, a)->decision_reason, "Not yet");
  store().write([&](Connection& c) { memberships::set_status(c, g, a, MembershipStatus::active, "", 777); });
  EXPECT_EQ(find(g, a)->status, MembershipStatus::active);
  EXPECT_EQ(find(g, a)->joined_at, 777);
  EXPECT_EQ(find(g, a)->decision_reason, "");
  EXPECT_EQ(find(other, elsewhere)->status, MembershipStatus::pending) << "only the one membership changes";

  store().write([&](Connection& c) { memberships::set_role(c, g, a, Role::admin); });
  EXPECT_EQ(find(g, a)->role, Role::admin);
  store().write([&](Connection& c) { memberships::set_volunteer(c, g, a, true); });
  EXPECT_TRUE(find(g, a)->trained_volunteer);
  store().write([&](Connection& c) { memberships::set_volunteer(c, g, a, false); });
  EXPECT_FALSE(find(g, a)->trained_volunteer);

  store().write([&](Connection& c) { memberships::remove(c, g, a); });
  EXPECT_FALSE(find(g, a).has_value());
  EXPECT_TRUE(find(other, elsewhere).has_value());
}

TEST_F(MembershipStore, RenamingAPersonaMovesItsKeyInEveryGroup) {
  const GroupId g1 = group("teachers");
  const GroupId g2 = group("parents");
  const AccountId a = account();
  const PersonaId p = persona(a, "Chalk Dust");
  add(g1, a, p, "Chalk Dust");
  add(g2, a, p, "Chalk Dust");
  store().write([&](Connection& c) { memberships::set_persona_key(c, p, "red pen"); });
  store().read([&](Connection& c) {
    for (const GroupId g : {g1, g2}) {
      EXPECT_FALSE(memberships::persona_name_taken(c, g, "chalk dust", 0));
      EXPECT_TRUE(memberships::persona_name_taken(c, g, "red pen", 0));
    }
  });
}

TEST_F(MembershipStore, CountsAreOfActiveMembersOnly) {
  const GroupId g = group("teachers");
  member(g, "Owner Person", Role::owner);
  member(g, "Admin Person", Role::admin);
  member(g, "Plain Member");
  member(g, "Waiting Person", Role::member, MembershipStatus::pending);
  member(g, "Banned Owner", Role::owner, MembershipStatus::banned);
  member(g, "Declined Person", Role::member, MembershipStatus::declined);
  const AccountId volunteer = member(g, "Helpful Person");
  const AccountId banned_volunteer = member(g, "Banned Helper", Role::member, MembershipStatus::banned);
  store().write([&](Connection& c) {
    memberships::set_volunteer(c, g, volunteer, true);
    memberships::set_volunteer(c, g, banned_volunteer, true);
  });
  store().read([&](Connection& c) {
    EXPECT_EQ(memberships::count_active(c, g), 4);
    EXPECT_EQ(memberships::count_with_role(c, g, Role::owner), 1);
    EXPECT_EQ(memberships::count_with_role(c, g, Role::admin), 1);
    EXPECT_EQ(memberships::count_with_role(c, g, Role::moderator), 0);
    EXPECT_EQ(memberships::count_with_role(c, g, Role::member), 2);
    EXPECT_EQ(memberships::count_volunteers(c, g), 1);
    EXPECT_EQ(memberships::count_active(c, random_id()), 0);
  });
}

TEST_F(MembershipStore, PendingRequestsOldestFirstWithTheirAnswers) {
  const GroupId g = group("teachers");
  const AccountId late = account();
  const PersonaId late_persona = persona(late, "Late Comer");
  add(g, late, late_persona, "Late Comer", Role::member, MembershipStatus::pending, 300, R"(["second"])");
  const AccountId early = account();
  const PersonaId early_persona = persona(early, "Early Bird");
  add(g, early, early_persona, "Early Bird", Role::member, MembershipStatus::pending, 100, R"(["first"])");
  member(g, "Already In");
  member(g, "Was Declined", Role::member, MembershipStatus::declined);
  member(group("other"), "Elsewhere", Role::member, MembershipStatus::pending);
  const auto pending = store().read([&](Connection& c) { return memberships::pending(c, g); });
  ASSERT_EQ(pending.size(), 2u);
  EXPECT_EQ(pending[0].persona_id, early_persona);
  EXPECT_EQ(pending[0].persona_name, "Early Bird");
  EXPECT_EQ(pending[0].answers, R"(["first"])");
  EXPECT_EQ(pending[0].requested_at, 100);
  EXPECT_EQ(pending[1].persona_id, late_persona);
  EXPECT_EQ(pending[1].answers, R"(["second"])");
}

// The member list is ordered by role, then name: never by join time, which would let
// members line personas up across groups by when they appeared.
TEST_F(MembershipStore, ActiveMembersByRoleThenNameNeverByJoinTime) {
  const GroupId g = group("teachers");
  member(g, "zebra member", Role::member, MembershipStatus::active, 1);
  member(g, "Apple Member", Role::member, MembershipStatus::active, 50);
  member(g, "Moderator Mo", Role::moderator, MembershipStatus::active, 40);
  member(g, "The Owner", Role::owner, MembershipStatus::active, 30);
  member(g, "Admin Ada", Role::admin, MembershipStatus::active, 20);
  member(g, "Pending Pat", Role::member, MembershipStatus::pending, 5);
  member(g, "Banned Ben", Role::member, MembershipStatus::banned, 6);
  const auto members = store().read([&](Connection& c) { return memberships::active_members(c, g, 100); });
  std::vector<std::string> names;
  for (const auto& m : members) names.push_back(m.persona_name);
  EXPECT_EQ(names, (std::vector<std::string>{"The Owner", "Admin Ada", "Moderator Mo", "Apple Member", "zebra member"}));
  EXPECT_EQ(members[0].role, Role::owner);
  EXPECT_EQ(members[1].role, Role::admin);
  EXPECT_EQ(members[2].role, Role::moderator);
  EXPECT_EQ(members[3].role, Role::member);
  const auto first_two = store().read([&](Connection& c) { return memberships::active_members(c, g, 2); });
  ASSERT_EQ(first_two.size(), 2u);
  EXPECT_EQ(first_two[1].persona_name, "Admin Ada");
}

TEST_F(MembershipStore, MyGroupsAreActiveOnesMostRecentlyActiveFirstWithTheirPersona) {
  const GroupId quiet = group("quiet", 100);
  const GroupId busy = group("busy", 900);
  const GroupId waiting = group("waiting", 999);
  const AccountId me = account();
  add(quiet, me, persona(me, "Quiet Me"), "Quiet Me", Role::owner);
  add(busy, me, persona(me, "Busy Me"), "Busy Me");
  add(waiting, me, persona(me, "Waiting Me"), "Waiting Me", Role::member, MembershipStatus::pending);
  const auto mine = store().read([&](Connection& c) { return memberships::groups_of(c, me); });
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].id, busy);
  EXPECT_EQ(mine[0].slug, "busy");
  EXPECT_EQ(mine[0].persona_name, "Busy Me");
  EXPECT_EQ(mine[0].role, Role::member);
  EXPECT_EQ(mine[0].unread_threads, 0);
  EXPECT_EQ(mine[1].id, quiet);
  EXPECT_EQ(mine[1].persona_name, "Quiet Me");
  EXPECT_EQ(mine[1].role, Role::owner);
}

TEST_F(MembershipStore, MyGroupsCountUnreadThreads) {
  const GroupId g = group("teachers");
  const AccountId me = account();
  add(g, me, persona(me, "Chalk Dust"), "Chalk Dust");
  store().write([&](Connection& c) {
    // Three threads: one read to the end, one partly read, one never opened.
    for (const auto& [thread, posts] : std::vector<std::pair<int64_t, int64_t>>{{101, 2}, {102, 5}, {103, 1}}) {
      c.run("INSERT INTO threads (id, group_id, title, opening_post_id, post_count, created_at, last_activity_at)"
            " VALUES (?, ?, 'T', ?, ?, 1, 1)",
            {thread, g, thread * 10, posts});
    }
    c.run("INSERT INTO thread_reads (account_id, thread_id, group_id, seen_post_count, updated_at) VALUES (?, 101, ?, 2, 1)",
          {me, g});
    c.run("INSERT INTO thread_reads (account_id, thread_id, group_id, seen_post_count, updated_at) VALUES (?, 102, ?, 3, 1)",
          {me, g});
  });
  const auto mine = store().read([&](Connection& c) { return memberships::groups_of(c, me); });
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].unread_threads, 2);
}

// ---------------------------------------------------------------------------------------
// Unlinkability at the data level: what the read models give out about a member of two
// groups never ties the two personas together.

TEST_F(MembershipStore, ReadModelsNeverLinkTwoPersonasOfOneAccount) {
  const GroupId ocd = group("ocd-support", 100);
  const GroupId teachers = group("teachers", 200);
  const AccountId me = account();
  const PersonaId in_ocd = persona(me, "Careful Hands");
  const PersonaId in_teachers = persona(me, "Chalk Dust");
  add(ocd, me, in_ocd, "Careful Hands", Role::member, MembershipStatus::active, 50);
  add(teachers, me, in_teachers, "Chalk Dust", Role::member, MembershipStatus::active, 50);
  const AccountId neighbour = member(ocd, "Someone Else");
  add(teachers, neighbour, persona(neighbour, "Other Teacher"), "Other Teacher");

  store().read([&](Connection& c) {
    // Each group's member list shows only that group's persona of mine.
    std::set<PersonaId> ocd_ids, teacher_ids;
    for (const auto& m : memberships::active_members(c, ocd, 100)) {
      ocd_ids.insert(m.persona_id);
      EXPECT_NE(m.persona_id, me);
      EXPECT_NE(m.persona_name, "Chalk Dust");
    }
    for (const auto& m : memberships::active_members(c, teachers, 100)) {
      teacher_ids.insert(m.persona_id);
      EXPECT_NE(m.persona_id, me);
      EXPECT_NE(m.persona_name, "Careful Hands");
    }
    EXPECT_TRUE(ocd_ids.contains(in_ocd));
    EXPECT_FALSE(ocd_ids.contains(in_teachers));
    EXPECT_TRUE(teacher_ids.contains(in_teachers));
    EXPECT_FALSE(teacher_ids.contains(in_ocd));

    // Another account's "my groups" holds only their own groups and personas.
    for (const auto& g : memberships::groups_of(c, neighbour)) {
      EXPECT_NE(g.persona_name, "Careful Hands");
      EXPECT_NE(g.persona_name, "Chalk Dust");
      EXPECT_NE(g.id, me);
    }
    EXPECT_EQ(memberships::groups_of(c, neighbour).size(), 2u);

    // The directory's rows carry groups and counts, nothing about people.
    for (const auto& entry : groups::directory(c, {})) {
      EXPECT_NE(entry.group.id, me);
      EXPECT_EQ(entry.member_count, 2);
    }

    // The two personas have nothing in common but their account, which only the store knows.
    const auto a = personas::find(c, in_ocd);
    const auto b = personas::find(c, in_teachers);
    ASSERT_TRUE(a && b);
    EXPECT_NE(a->id, b->id);
    EXPECT_NE(a->name, b->name);
    EXPECT_EQ(a->account_id, b->account_id);
  });
}

TEST_F(MembershipStore, PersonasOfAnAccountAndWhereTheyAreActive) {
  const GroupId g = group("teachers");
  const AccountId me = account();
  const PersonaId first = persona(me, "Chalk Dust");
  const PersonaId unused = persona(me, "Spare Name");
  add(g, me, first, "Chalk Dust");
  member(g, "Someone Else");
  store().read([&](Connection& c) {
    const auto mine = personas::of_account(c, me);
    ASSERT_EQ(mine.size(), 2u);
    for (const auto& p : mine) EXPECT_EQ(p.account_id, me);
    EXPECT_TRUE(personas::is_active_in(c, first, g));
    EXPECT_FALSE(personas::is_active_in(c, unused, g));
    EXPECT_FALSE(personas::is_active_in(c, first, random_id()));
    EXPECT_EQ(personas::helped_count(c, first, g), 0);
  });
}

}  // namespace
}  // namespace hearth
