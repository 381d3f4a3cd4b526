#include "actions/membership.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "actions/groups.hpp"
#include "core/crypto.hpp"
#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/groups.hpp"
#include "store/invites.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth {
namespace {

constexpr int64_t day_ms = int64_t{24} * 3600 * 1000;

class MembershipActions : public ::testing::Test {
 protected:
  ActionEnvironment& env() { return test_.env(); }
  Store& store() { return test_.store(); }
  FakeClock& clock() { return test_.clock(); }

  AccountId account(const std::string& login) {
    const AccountId id = random_id();
    store().write([&](Connection& c) { accounts::insert(c, {id, login, "unused-hash", "", clock().now()}); });
    return id;
  }

  Group create(AccountId owner, const std::string& name, const std::string& privacy,
               std::vector<std::string> rules = {}, std::vector<std::string> questions = {}) {
    GroupDraft d;
    d.name = name;
    d.description = "Peer support for " + name;
    d.privacy = privacy;
    d.rules = std::move(rules);
    d.questions = std::move(questions);
    auto group = do_create_group(env(), owner, d, {});
    EXPECT_TRUE(group.ok()) << (group.ok() ? "" : group.error().message);
    return group.ok() ? *group : Group{};
  }

  static JoinRequest request(std::vector<std::string> answers = {}, bool rules = true, PersonaChoice persona = {}) {
    JoinRequest r;
    r.accepted_rules = rules;
    r.answers = std::move(answers);
    r.persona = std::move(persona);
    return r;
  }

  void join(AccountId who, GroupId group, MembershipStatus expected = MembershipStatus::active,
            std::vector<std::string> answers = {}) {
    auto joined = do_join_group(env(), who, group, request(std::move(answers)));
    ASSERT_TRUE(joined.ok()) << joined.error().message;
    EXPECT_EQ(*joined, expected);
  }

  // An active member of a public group, with `role` granted by the owner.
  AccountId member_with_role(AccountId owner, GroupId group, const std::string& login, Role role) {
    const AccountId who = account(login);
    join(who, group);
    if (role != Role::member) {
      const auto status = do_set_role(env(), owner, group, persona_of(group, who), role);
      EXPECT_TRUE(status.ok()) << (status.ok() ? "" : status.error().message);
    }
    return who;
  }

  std::optional<Membership> membership(GroupId group, AccountId who) {
    return store().read([&](Connection& c) { return memberships::find(c, group, who); });
  }
  PersonaId persona_of(GroupId group, AccountId who) {
    const auto m = membership(group, who);
    EXPECT_TRUE(m.has_value());
    return m ? m->persona_id : 0;
  }
  std::optional<Persona> persona(PersonaId id) {
    return store().read([&](Connection& c) { return personas::find(c, id); });
  }
  std::string answers_of(GroupId group, AccountId who) {
    return store().read([&](Connection& c) {
      std::string answers;
      c.execute("SELECT answers FROM memberships WHERE group_id = ? AND account_id = ?", {group, who},
                [&](const Row& r) { answers = r.text(0); });
      return answers;
    });
  }
  int64_t count(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    return store().read([&](Connection& c) { return c.first_i64(sql, params).value_or(-1); });
  }
  std::optional<invites::Invite> stored_invite(GroupId group, int64_t id) {
    for (const auto& i : store().read([&](Connection& c) { return invites::of_group(c, group); })) {
      if (i.id == id) return i;
    }
    return std::nullopt;
  }
  void ban(GroupId group, AccountId who) {
    store().write([&](Connection& c) { memberships::set_status(c, group, who, MembershipStatus::banned, "", {}); });
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
// Joining

TEST_F(MembershipActions, JoiningAPublicGroupIsImmediate) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "New parents", "public");
  clock().advance(5'000);
  join(heron, group.id);
  const auto m = membership(group.id, heron);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status, MembershipStatus::active);
  EXPECT_EQ(m->role, Role::member);
  EXPECT_EQ(m->joined_at, clock().now());
  EXPECT_EQ(m->requested_at, clock().now());
  const auto p = persona(m->persona_id);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->account_id, heron);
  EXPECT_NE(m->persona_id, persona_of(group.id, owner));

  auto again = do_join_group(env(), heron, group.id, request());
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), ErrorCode::conflict);
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {heron}), 1);
}

TEST_F(MembershipActions, RulesMustBeAcceptedToJoin) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "New parents", "public", {"Be kind"});
  auto refused = do_join_group(env(), heron, group.id, request({}, /*rules=*/false));
  ASSERT_FALSE(refused.ok());
  expect_error(refused.error(), ErrorCode::invalid_input, "accept_rules");
  EXPECT_FALSE(membership(group.id, heron).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {heron}), 0) << "nothing half-written";
  join(heron, group.id);

  // A group without rules has nothing to accept.
  const Group no_rules = create(owner, "Open chat", "public");
  auto joined = do_join_group(env(), heron, no_rules.id, request({}, false));
  ASSERT_TRUE(joined.ok());
}

TEST_F(MembershipActions, JoiningAPrivateGroupIsARequestWithAnswers) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group =
      create(owner, "Carers circle", "private", {"Be kind"}, {"Who do you care for?", "How did you find us?"});

  auto missing = do_join_group(env(), heron, group.id, request({"My mum"}));
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), ErrorCode::invalid_input, "answer_2");
  auto blank = do_join_group(env(), heron, group.id, request({"   ", "A friend"}));
  ASSERT_FALSE(blank.ok());
  expect_error(blank.error(), ErrorCode::invalid_input, "answer_1");
  auto too_long = do_join_group(env(), heron, group.id, request({"My mum", std::string(max_answer_length + 1, 'a')}));
  ASSERT_FALSE(too_long.ok());
  expect_error(too_long.error(), ErrorCode::invalid_input, "answer_2");
  auto no_rules = do_join_group(env(), heron, group.id, request({"My mum", "A friend"}, false));
  ASSERT_FALSE(no_rules.ok());
  expect_error(no_rules.error(), ErrorCode::invalid_input, "accept_rules");
  EXPECT_FALSE(membership(group.id, heron).has_value());

  join(heron, group.id, MembershipStatus::pending, {"  My mum \"Ann\" ", "A friend\nat work"});
  const auto m = membership(group.id, heron);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status, MembershipStatus::pending);
  EXPECT_FALSE(m->joined_at.has_value());
  EXPECT_EQ(answers_of(group.id, heron), R"(["My mum \"Ann\"","A friend\nat work"])");

  const auto pending = store().read([&](Connection& c) { return memberships::pending(c, group.id); });
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].persona_id, m->persona_id);
  EXPECT_EQ(pending[0].answers, answers_of(group.id, heron));

  auto again = do_join_group(env(), heron, group.id, request({"a", "b"}));
  ASSERT_FALSE(again.ok());
  expect_error(again.error(), ErrorCode::conflict);
}

TEST_F(MembershipActions, APrivateGroupWithoutQuestionsStillWaitsForADecision) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Carers circle", "private");
  join(heron, group.id, MembershipStatus::pending);
  EXPECT_EQ(answers_of(group.id, heron), "[]");
}

TEST_F(MembershipActions, DeclinedWithAReasonThenAskingAgain) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Carers circle", "private", {}, {"Who do you care for?"});
  join(heron, group.id, MembershipStatus::pending, {"Nobody really"});
  const PersonaId applicant = persona_of(group.id, heron);

  ASSERT_TRUE(do_decide_request(env(), owner, group.id, applicant, false, "  This group is for carers.  ").ok());
  auto m = membership(group.id, heron);
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->status, MembershipStatus::declined);
  EXPECT_EQ(m->decision_reason, "This group is for carers.") << "the applicant sees the reason";
  EXPECT_FALSE(m->joined_at.has_value());

  clock().advance(day_ms);
  join(heron, group.id, MembershipStatus::pending, {"My dad, since last year"});
  m = membership(group.id, heron);
  EXPECT_EQ(m->status, MembershipStatus::pending);
  EXPECT_EQ(m->decision_reason, "");
  EXPECT_EQ(m->requested_at, clock().now());
  EXPECT_EQ(answers_of(group.id, heron), R"(["My dad, since last year"])");
  EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE group_id = ? AND account_id = ?", {group.id, heron}), 1);

  ASSERT_TRUE(do_decide_request(env(), owner, group.id, m->persona_id, true, "").ok());
  m = membership(group.id, heron);
  EXPECT_EQ(m->status, MembershipStatus::active);
  EXPECT_EQ(m->joined_at, clock().now());
}

// Asking again under the pseudonym of the declined request is not a clash with oneself;
// a failed second request leaves the declined one (and its reason) as it was.
TEST_F(MembershipActions, AskingAgainUnderTheSameName) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const AccountId fern = account("fern");
  const Group group = create(owner, "Carers circle", "private", {}, {"Who do you care for?"});
  ASSERT_TRUE(do_join_group(env(), heron, group.id, request({"Nobody"}, true, {"Sleepy Owl", std::nullopt})).ok());
  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, heron), false, "For carers.").ok());
  ASSERT_TRUE(do_join_group(env(), fern, group.id, request({"My son"}, true, {"Night Light", std::nullopt})).ok());

  // Another applicant's pseudonym is not reserved: refusing it would tell an outsider who
  // has asked to join. The clash is settled when the admins approve.
  auto same_name = do_join_group(env(), heron, group.id, request({"My dad"}, true, {"Night Light", std::nullopt}));
  ASSERT_TRUE(same_name.ok()) << same_name.error().message;
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::pending);
  EXPECT_EQ(answers_of(group.id, heron), R"(["My dad"])");

  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, fern), true, "").ok());
  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, heron), true, "").ok());
  EXPECT_EQ(persona(membership(group.id, fern)->persona_id)->name, "Night Light");
  const std::string heron_name = persona(membership(group.id, heron)->persona_id)->name;
  EXPECT_NE(heron_name, "Night Light") << "two active members never share a pseudonym";
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::active);

  // A member's own pseudonym is reserved: joining a public group under it is refused (the
  // member list of a public group is open, so this reveals nothing).
  const Group open = create(owner, "Open circle", "public", {}, {});
  auto clash = do_join_group(env(), fern, open.id, request({}, true, {"Willow Owner", std::nullopt}));
  ASSERT_TRUE(clash.ok());
  auto taken = do_join_group(env(), heron, open.id, request({}, true, {"Willow Owner", std::nullopt}));
  ASSERT_FALSE(taken.ok());
  expect_error(taken.error(), ErrorCode::conflict, "persona_name");
}

TEST_F(MembershipActions, APendingApplicantWithAnInviteKeepsTheirName) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Carers circle", "private", {}, {"Who do you care for?"});
  ASSERT_TRUE(do_join_group(env(), heron, group.id, request({"Mum"}, true, {"Sleepy Owl", std::nullopt})).ok());
  const auto made = do_create_invite(env(), owner, group.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(made.ok());
  auto joined = do_join_with_invite(env(), heron, made->token, request({}, true, {"Sleepy Owl", std::nullopt}));
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::active);
}

TEST_F(MembershipActions, HiddenGroupsCannotBeJoinedWithoutAnInvite) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Secret circle", "hidden");
  const auto hidden = do_join_group(env(), heron, group.id, request());
  const auto missing = do_join_group(env(), heron, random_id(), request());
  ASSERT_FALSE(hidden.ok());
  ASSERT_FALSE(missing.ok());
  expect_error(hidden.error(), ErrorCode::not_found);
  expect_same_error(hidden.error(), missing.error());
  EXPECT_FALSE(membership(group.id, heron).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {heron}), 0);
}

TEST_F(MembershipActions, BannedMembersCannotJoinAgain) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group open = create(owner, "New parents", "public");
  const Group closed = create(owner, "Carers circle", "private");
  const Group hidden = create(owner, "Secret circle", "hidden");
  join(heron, open.id);
  join(heron, closed.id, MembershipStatus::pending);
  ban(open.id, heron);
  ban(closed.id, heron);
  for (const GroupId g : {open.id, closed.id}) {
    auto again = do_join_group(env(), heron, g, request());
    ASSERT_FALSE(again.ok());
    expect_error(again.error(), ErrorCode::forbidden);
    EXPECT_EQ(membership(g, heron)->status, MembershipStatus::banned);
  }
  // Banned from a hidden group: it is gone, like any hidden group.
  const auto token = do_create_invite(env(), owner, hidden.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(token.ok());
  ASSERT_TRUE(do_join_with_invite(env(), heron, token->token, request()).ok());
  ban(hidden.id, heron);
  auto gone = do_join_group(env(), heron, hidden.id, request());
  ASSERT_FALSE(gone.ok());
  expect_error(gone.error(), ErrorCode::not_found);
}

// ---------------------------------------------------------------------------------------
// Deciding requests

TEST_F(MembershipActions, ModeratorsDecideRequestsAndMembersCannot) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Carers circle", "private");
  const AccountId moderator = account("fern");
  join(moderator, group.id, MembershipStatus::pending);
  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, moderator), true, "").ok());
  ASSERT_TRUE(do_set_role(env(), owner, group.id, persona_of(group.id, moderator), Role::moderator).ok());
  const AccountId member = account("moss");
  join(member, group.id, MembershipStatus::pending);
  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, member), true, "").ok());
  const AccountId outsider = account("otter");
  const AccountId applicant = account("heron");
  join(applicant, group.id, MembershipStatus::pending);
  const PersonaId request_persona = persona_of(group.id, applicant);
  const int64_t log_before = count("SELECT COUNT(*) FROM moderation_log WHERE group_id = ?", {group.id});

  for (const AccountId who : {member, outsider, applicant}) {
    auto denied = do_decide_request(env(), who, group.id, request_persona, true, "");
    ASSERT_FALSE(denied.ok());
    expect_error(denied.error(), ErrorCode::forbidden);
  }
  EXPECT_EQ(membership(group.id, applicant)->status, MembershipStatus::pending);

  auto too_long = do_decide_request(env(), moderator, group.id, request_persona, false, std::string(501, 'r'));
  ASSERT_FALSE(too_long.ok());
  expect_error(too_long.error(), ErrorCode::invalid_input, "reason");

  ASSERT_TRUE(do_decide_request(env(), moderator, group.id, request_persona, false, "Please tell us more.").ok());
  EXPECT_EQ(membership(group.id, applicant)->status, MembershipStatus::declined);
  EXPECT_EQ(membership(group.id, applicant)->decision_reason, "Please tell us more.");
  EXPECT_EQ(count("SELECT COUNT(*) FROM moderation_log WHERE group_id = ? AND action = 'request.declined'", {group.id}),
            1);
  EXPECT_EQ(count("SELECT COUNT(*) FROM moderation_log WHERE group_id = ?", {group.id}), log_before + 1);

  auto twice = do_decide_request(env(), moderator, group.id, request_persona, true, "");
  ASSERT_FALSE(twice.ok());
  expect_error(twice.error(), ErrorCode::not_found);
  auto active = do_decide_request(env(), moderator, group.id, persona_of(group.id, member), false, "");
  ASSERT_FALSE(active.ok());
  expect_error(active.error(), ErrorCode::not_found);
  EXPECT_EQ(membership(group.id, member)->status, MembershipStatus::active);
}

// ---------------------------------------------------------------------------------------
// Invites

TEST_F(MembershipActions, AnInviteLetsSomeoneIntoAHiddenGroup) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Secret circle", "hidden", {"Be kind"});
  const auto made = do_create_invite(env(), owner, group.id, 7, 10);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_GE(made->token.size(), 32u);
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_invites WHERE token_hash = ?", {made->token}), 0)
      << "only the token's hash is stored";
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_invites WHERE token_hash = ?", {hash_secret(made->token)}), 1);

  auto no_rules = do_join_with_invite(env(), heron, made->token, request({}, false));
  ASSERT_FALSE(no_rules.ok());
  expect_error(no_rules.error(), ErrorCode::invalid_input, "accept_rules");
  EXPECT_EQ(stored_invite(group.id, made->id)->uses, 0);

  auto joined = do_join_with_invite(env(), heron, made->token, request());
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined->id, group.id);
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::active);
  const auto stored = stored_invite(group.id, made->id);
  EXPECT_EQ(stored->uses, 1);
  EXPECT_EQ(stored->expires_at, clock().now() + 7 * day_ms);
  EXPECT_EQ(stored->max_uses, 10);

  // Using it again as a member changes nothing and uses nothing up.
  auto again = do_join_with_invite(env(), heron, made->token, request());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(stored_invite(group.id, made->id)->uses, 1);
}

TEST_F(MembershipActions, AnInviteSkipsAPrivateGroupsQuestions) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "Carers circle", "private", {}, {"Who do you care for?"});
  join(heron, group.id, MembershipStatus::pending, {"My mum"});
  const auto made = do_create_invite(env(), owner, group.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(do_join_with_invite(env(), heron, made->token, request()).ok());
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::active);
  EXPECT_EQ(count("SELECT COUNT(*) FROM memberships WHERE group_id = ?", {group.id}), 2);
}

TEST_F(MembershipActions, InvitesExpire) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Secret circle", "hidden");
  const auto made = do_create_invite(env(), owner, group.id, 1, std::nullopt);
  ASSERT_TRUE(made.ok());
  clock().advance(day_ms - 1);
  ASSERT_TRUE(do_join_with_invite(env(), account("heron"), made->token, request()).ok());
  clock().advance(1);
  const AccountId late = account("late");
  auto expired = do_join_with_invite(env(), late, made->token, request());
  ASSERT_FALSE(expired.ok());
  expect_error(expired.error(), ErrorCode::not_found);
  EXPECT_FALSE(membership(group.id, late).has_value());
  const auto bogus = do_join_with_invite(env(), late, random_token(24), request());
  ASSERT_FALSE(bogus.ok());
  expect_same_error(expired.error(), bogus.error());
  const auto empty = do_join_with_invite(env(), late, "", request());
  ASSERT_FALSE(empty.ok());
  expect_same_error(expired.error(), empty.error());
  const auto huge = do_join_with_invite(env(), late, std::string(500, 'a'), request());
  ASSERT_FALSE(huge.ok());
  expect_same_error(expired.error(), huge.error());
}

TEST_F(MembershipActions, InvitesRunOutAfterTheirMaximumUses) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Secret circle", "hidden");
  const auto made = do_create_invite(env(), owner, group.id, std::nullopt, 2);
  ASSERT_TRUE(made.ok());
  ASSERT_TRUE(do_join_with_invite(env(), account("heron"), made->token, request()).ok());
  ASSERT_TRUE(do_join_with_invite(env(), account("fern"), made->token, request()).ok());
  const AccountId third = account("moss");
  auto used_up = do_join_with_invite(env(), third, made->token, request());
  ASSERT_FALSE(used_up.ok());
  expect_error(used_up.error(), ErrorCode::not_found);
  EXPECT_FALSE(membership(group.id, third).has_value());
  EXPECT_EQ(stored_invite(group.id, made->id)->uses, 2);
}

TEST_F(MembershipActions, RevokedInvitesStopWorking) {
  const AccountId owner = account("willow");
  const AccountId member = account("fern");
  const Group group = create(owner, "Secret circle", "hidden");
  const auto first = do_create_invite(env(), owner, group.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(do_join_with_invite(env(), member, first->token, request()).ok());

  auto denied = do_revoke_invite(env(), member, group.id, first->id);
  ASSERT_FALSE(denied.ok());
  expect_error(denied.error(), ErrorCode::forbidden);
  EXPECT_FALSE(stored_invite(group.id, first->id)->revoked_at.has_value());

  clock().advance(1000);
  ASSERT_TRUE(do_revoke_invite(env(), owner, group.id, first->id).ok());
  EXPECT_EQ(stored_invite(group.id, first->id)->revoked_at, clock().now());
  auto revoked = do_join_with_invite(env(), account("heron"), first->token, request());
  ASSERT_FALSE(revoked.ok());
  expect_error(revoked.error(), ErrorCode::not_found);
  auto twice = do_revoke_invite(env(), owner, group.id, first->id);
  ASSERT_FALSE(twice.ok());
  expect_error(twice.error(), ErrorCode::not_found);

  // An invite can only be withdrawn through its own group.
  const Group other = create(owner, "Other circle", "hidden");
  const auto second = do_create_invite(env(), owner, group.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(second.ok());
  auto wrong_group = do_revoke_invite(env(), owner, other.id, second->id);
  ASSERT_FALSE(wrong_group.ok());
  expect_error(wrong_group.error(), ErrorCode::not_found);
  EXPECT_FALSE(stored_invite(group.id, second->id)->revoked_at.has_value());
}

TEST_F(MembershipActions, BannedPeopleCannotUseAnInvite) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "New parents", "public");
  join(heron, group.id);
  ban(group.id, heron);
  const auto made = do_create_invite(env(), owner, group.id, std::nullopt, std::nullopt);
  ASSERT_TRUE(made.ok());
  auto refused = do_join_with_invite(env(), heron, made->token, request());
  ASSERT_FALSE(refused.ok());
  expect_error(refused.error(), ErrorCode::forbidden);
  EXPECT_EQ(membership(group.id, heron)->status, MembershipStatus::banned);
  EXPECT_EQ(stored_invite(group.id, made->id)->uses, 0);
}

TEST_F(MembershipActions, OnlyAdminsMakeInvitesWithinLimits) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId moderator = member_with_role(owner, group.id, "fern", Role::moderator);
  const AccountId admin = member_with_role(owner, group.id, "heron", Role::admin);
  const AccountId outsider = account("otter");
  auto by_moderator = do_create_invite(env(), moderator, group.id, std::nullopt, std::nullopt);
  ASSERT_FALSE(by_moderator.ok());
  expect_error(by_moderator.error(), ErrorCode::forbidden);
  auto by_outsider = do_create_invite(env(), outsider, group.id, std::nullopt, std::nullopt);
  ASSERT_FALSE(by_outsider.ok());
  expect_error(by_outsider.error(), ErrorCode::forbidden);
  EXPECT_TRUE(do_create_invite(env(), admin, group.id, 365, 10'000).ok());
  for (const int days : {0, -1, 366}) {
    auto bad = do_create_invite(env(), admin, group.id, days, std::nullopt);
    ASSERT_FALSE(bad.ok());
    expect_error(bad.error(), ErrorCode::invalid_input, "expires_in_days");
  }
  for (const int uses : {0, -5, 10'001}) {
    auto bad = do_create_invite(env(), admin, group.id, std::nullopt, uses);
    ASSERT_FALSE(bad.ok());
    expect_error(bad.error(), ErrorCode::invalid_input, "max_uses");
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM group_invites"), 1);

  const Group hidden = create(owner, "Secret circle", "hidden");
  const auto not_there = do_create_invite(env(), outsider, hidden.id, std::nullopt, std::nullopt);
  const auto missing = do_create_invite(env(), outsider, random_id(), std::nullopt, std::nullopt);
  ASSERT_FALSE(not_there.ok());
  ASSERT_FALSE(missing.ok());
  expect_same_error(not_there.error(), missing.error());
  const auto revoke_hidden = do_revoke_invite(env(), outsider, hidden.id, 1);
  ASSERT_FALSE(revoke_hidden.ok());
  expect_same_error(revoke_hidden.error(), missing.error());
}

// ---------------------------------------------------------------------------------------
// Roles and badges

TEST_F(MembershipActions, TheOwnerMakesAdminsAndAdminsMakeModerators) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId admin = member_with_role(owner, group.id, "heron", Role::member);
  const AccountId member = member_with_role(owner, group.id, "fern", Role::member);
  const AccountId other_admin = member_with_role(owner, group.id, "moss", Role::admin);

  ASSERT_TRUE(do_set_role(env(), owner, group.id, persona_of(group.id, admin), Role::admin).ok());
  EXPECT_EQ(membership(group.id, admin)->role, Role::admin);

  ASSERT_TRUE(do_set_role(env(), admin, group.id, persona_of(group.id, member), Role::moderator).ok());
  EXPECT_EQ(membership(group.id, member)->role, Role::moderator);
  ASSERT_TRUE(do_set_role(env(), admin, group.id, persona_of(group.id, member), Role::member).ok());
  EXPECT_EQ(membership(group.id, member)->role, Role::member);

  for (const Role role : {Role::admin, Role::owner}) {
    auto denied = do_set_role(env(), admin, group.id, persona_of(group.id, member), role);
    ASSERT_FALSE(denied.ok());
    expect_error(denied.error(), ErrorCode::forbidden);
  }
  auto demote_admin = do_set_role(env(), admin, group.id, persona_of(group.id, other_admin), Role::member);
  ASSERT_FALSE(demote_admin.ok());
  expect_error(demote_admin.error(), ErrorCode::forbidden);
  auto demote_owner = do_set_role(env(), admin, group.id, persona_of(group.id, owner), Role::member);
  ASSERT_FALSE(demote_owner.ok());
  expect_error(demote_owner.error(), ErrorCode::forbidden);
  EXPECT_EQ(membership(group.id, other_admin)->role, Role::admin);
  EXPECT_EQ(membership(group.id, owner)->role, Role::owner);
  EXPECT_EQ(membership(group.id, member)->role, Role::member);
  EXPECT_EQ(count("SELECT COUNT(*) FROM moderation_log WHERE group_id = ? AND action = 'role.changed'", {group.id}), 4);
}

TEST_F(MembershipActions, ModeratorsAndMembersChangeNoRoles) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId moderator = member_with_role(owner, group.id, "heron", Role::moderator);
  const AccountId member = member_with_role(owner, group.id, "fern", Role::member);
  for (const AccountId who : {moderator, member}) {
    for (const Role role : {Role::member, Role::moderator, Role::admin, Role::owner}) {
      const PersonaId target = persona_of(group.id, who == member ? moderator : member);
      auto denied = do_set_role(env(), who, group.id, target, role);
      ASSERT_FALSE(denied.ok()) << "a non-admin changed a role";
      expect_error(denied.error(), ErrorCode::forbidden);
    }
    auto self = do_set_role(env(), who, group.id, persona_of(group.id, who), Role::admin);
    ASSERT_FALSE(self.ok());
    expect_error(self.error(), ErrorCode::forbidden);
  }
  EXPECT_EQ(membership(group.id, moderator)->role, Role::moderator);
  EXPECT_EQ(membership(group.id, member)->role, Role::member);
}

TEST_F(MembershipActions, HandingOwnershipOverLeavesExactlyOneOwner) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId heir = member_with_role(owner, group.id, "heron", Role::moderator);
  ASSERT_TRUE(do_set_role(env(), owner, group.id, persona_of(group.id, heir), Role::owner).ok());
  EXPECT_EQ(membership(group.id, heir)->role, Role::owner);
  EXPECT_EQ(membership(group.id, owner)->role, Role::admin);
  EXPECT_EQ(store().read([&](Connection& c) { return memberships::count_with_role(c, group.id, Role::owner); }), 1);

  // The former owner is an admin now, and admins don't make owners.
  auto back = do_set_role(env(), owner, group.id, persona_of(group.id, owner), Role::owner);
  ASSERT_FALSE(back.ok());
  expect_error(back.error(), ErrorCode::forbidden);
  ASSERT_TRUE(do_set_role(env(), heir, group.id, persona_of(group.id, owner), Role::owner).ok());
  EXPECT_EQ(membership(group.id, owner)->role, Role::owner);
  EXPECT_EQ(membership(group.id, heir)->role, Role::admin);
  EXPECT_EQ(store().read([&](Connection& c) { return memberships::count_with_role(c, group.id, Role::owner); }), 1);
}

TEST_F(MembershipActions, TheOwnerCannotDemoteThemselves) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  for (const Role role : {Role::member, Role::moderator, Role::admin, Role::owner}) {
    auto denied = do_set_role(env(), owner, group.id, persona_of(group.id, owner), role);
    ASSERT_FALSE(denied.ok());
    expect_error(denied.error(), ErrorCode::forbidden);
  }
  EXPECT_EQ(membership(group.id, owner)->role, Role::owner);
}

TEST_F(MembershipActions, RolesAreOnlyForActiveMembers) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Carers circle", "private");
  const AccountId applicant = account("heron");
  join(applicant, group.id, MembershipStatus::pending);
  auto pending = do_set_role(env(), owner, group.id, persona_of(group.id, applicant), Role::moderator);
  ASSERT_FALSE(pending.ok());
  expect_error(pending.error(), ErrorCode::not_found);
  auto nobody = do_set_role(env(), owner, group.id, random_id(), Role::moderator);
  ASSERT_FALSE(nobody.ok());
  expect_error(nobody.error(), ErrorCode::not_found);
  EXPECT_EQ(membership(group.id, applicant)->role, Role::member);
}

// Someone outside a private group must not learn, from the error, whether a persona
// belongs to it: "forbidden" for members and "not found" for everyone else would tell
// them (DESIGN.md principle 5: nothing leaks through error messages).
TEST_F(MembershipActions, ARoleChangeByAnOutsiderRevealsNoMembership) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Carers circle", "private");
  const AccountId member = account("heron");
  join(member, group.id, MembershipStatus::pending);
  ASSERT_TRUE(do_decide_request(env(), owner, group.id, persona_of(group.id, member), true, "").ok());
  const AccountId outsider = account("otter");
  const auto real = do_set_role(env(), outsider, group.id, persona_of(group.id, member), Role::moderator);
  const auto made_up = do_set_role(env(), outsider, group.id, random_id(), Role::moderator);
  ASSERT_FALSE(real.ok());
  ASSERT_FALSE(made_up.ok());
  expect_same_error(real.error(), made_up.error());
  const auto badge_real = do_set_trained_volunteer(env(), outsider, group.id, persona_of(group.id, member), true);
  const auto badge_made_up = do_set_trained_volunteer(env(), outsider, group.id, random_id(), true);
  ASSERT_FALSE(badge_real.ok());
  ASSERT_FALSE(badge_made_up.ok());
  expect_same_error(badge_real.error(), badge_made_up.error());
}

TEST_F(MembershipActions, AdminsGrantTheTrainedVolunteerBadge) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId volunteer = member_with_role(owner, group.id, "heron", Role::member);
  const AccountId moderator = member_with_role(owner, group.id, "fern", Role::moderator);
  const auto volunteers = [&] {
    return store().read([&](Connection& c) { return memberships::count_volunteers(c, group.id); });
  };
  auto denied = do_set_trained_volunteer(env(), moderator, group.id, persona_of(group.id, volunteer), true);
  ASSERT_FALSE(denied.ok());
  expect_error(denied.error(), ErrorCode::forbidden);
  EXPECT_EQ(volunteers(), 0);

  ASSERT_TRUE(do_set_trained_volunteer(env(), owner, group.id, persona_of(group.id, volunteer), true).ok());
  EXPECT_TRUE(membership(group.id, volunteer)->trained_volunteer);
  EXPECT_EQ(membership(group.id, volunteer)->role, Role::member) << "a badge, not a role";
  EXPECT_EQ(volunteers(), 1);
  ASSERT_TRUE(do_set_trained_volunteer(env(), owner, group.id, persona_of(group.id, volunteer), false).ok());
  EXPECT_FALSE(membership(group.id, volunteer)->trained_volunteer);
  EXPECT_EQ(volunteers(), 0);

  auto nobody = do_set_trained_volunteer(env(), owner, group.id, random_id(), true);
  ASSERT_FALSE(nobody.ok());
  expect_error(nobody.error(), ErrorCode::not_found);
}

// ---------------------------------------------------------------------------------------
// Leaving

TEST_F(MembershipActions, MembersLeaveButTheOwnerMustHandOverFirst) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "New parents", "public");
  const AccountId member = member_with_role(owner, group.id, "heron", Role::member);

  ASSERT_TRUE(do_leave_group(env(), member, group.id).ok());
  EXPECT_FALSE(membership(group.id, member).has_value());
  auto twice = do_leave_group(env(), member, group.id);
  ASSERT_FALSE(twice.ok());
  expect_error(twice.error(), ErrorCode::not_found);

  auto owner_leaves = do_leave_group(env(), owner, group.id);
  ASSERT_FALSE(owner_leaves.ok());
  expect_error(owner_leaves.error(), ErrorCode::conflict);
  EXPECT_EQ(membership(group.id, owner)->role, Role::owner);

  const AccountId heir = member_with_role(owner, group.id, "fern", Role::member);
  ASSERT_TRUE(do_set_role(env(), owner, group.id, persona_of(group.id, heir), Role::owner).ok());
  ASSERT_TRUE(do_leave_group(env(), owner, group.id).ok());
  EXPECT_FALSE(membership(group.id, owner).has_value());
  EXPECT_EQ(store().read([&](Connection& c) { return memberships::count_with_role(c, group.id, Role::owner); }), 1);
}

TEST_F(MembershipActions, AnApplicantCanWithdrawAndABannedMemberCannotLeaveTheBan) {
  const AccountId owner = account("willow");
  const Group group = create(owner, "Carers circle", "private");
  const AccountId applicant = account("heron");
  join(applicant, group.id, MembershipStatus::pending);
  ASSERT_TRUE(do_leave_group(env(), applicant, group.id).ok());
  EXPECT_FALSE(membership(group.id, applicant).has_value());

  const AccountId banned = account("fern");
  join(banned, group.id, MembershipStatus::pending);
  ban(group.id, banned);
  auto leave = do_leave_group(env(), banned, group.id);
  ASSERT_FALSE(leave.ok());
  EXPECT_EQ(membership(group.id, banned)->status, MembershipStatus::banned) << "leaving must not lift a ban";
}

// ---------------------------------------------------------------------------------------
// Personas when joining

TEST_F(MembershipActions, EachGroupGetsAFreshPersonaByDefault) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group a = create(owner, "OCD support", "public");
  const Group b = create(owner, "Early-career teachers", "public");
  join(heron, a.id);
  join(heron, b.id);
  const auto pa = persona(persona_of(a.id, heron));
  const auto pb = persona(persona_of(b.id, heron));
  ASSERT_TRUE(pa && pb);
  EXPECT_NE(pa->id, pb->id);
  EXPECT_NE(pa->name, pb->name);
  EXPECT_EQ(pa->account_id, heron);
  EXPECT_EQ(pb->account_id, heron);
}

TEST_F(MembershipActions, AMemberMayReuseOneOfTheirOwnPersonas) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group a = create(owner, "New parents", "public");
  const Group b = create(owner, "Sleep help", "public");
  auto joined = do_join_group(env(), heron, a.id, request({}, true, {"Sleepy Owl", std::nullopt}));
  ASSERT_TRUE(joined.ok());
  const PersonaId mine = persona_of(a.id, heron);
  joined = do_join_group(env(), heron, b.id, request({}, true, {"", mine}));
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(persona_of(b.id, heron), mine);
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {heron}), 1);
}

TEST_F(MembershipActions, NobodyReusesSomeoneElsesPersona) {
  const AccountId owner = account("willow");
  const AccountId mallory = account("mallory");
  const Group group = create(owner, "New parents", "public");
  const Group other = create(owner, "Sleep help", "public");
  const PersonaId owners = persona_of(group.id, owner);
  auto stolen = do_join_group(env(), mallory, other.id, request({}, true, {"", owners}));
  ASSERT_FALSE(stolen.ok());
  expect_error(stolen.error(), ErrorCode::invalid_input, "persona");
  auto made_up = do_join_group(env(), mallory, other.id, request({}, true, {"", random_id()}));
  ASSERT_FALSE(made_up.ok());
  expect_same_error(stolen.error(), made_up.error());
  EXPECT_FALSE(membership(other.id, mallory).has_value());
}

TEST_F(MembershipActions, APseudonymIsUniqueWithinAGroup) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const AccountId fern = account("fern");
  const Group group = create(owner, "New parents", "public");
  const Group other = create(owner, "Sleep help", "public");
  ASSERT_TRUE(do_join_group(env(), heron, group.id, request({}, true, {"Sleepy Owl", std::nullopt})).ok());

  auto clash = do_join_group(env(), fern, group.id, request({}, true, {"  sleepy   OWL ", std::nullopt}));
  ASSERT_FALSE(clash.ok());
  expect_error(clash.error(), ErrorCode::conflict, "persona_name");
  EXPECT_FALSE(membership(group.id, fern).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {fern}), 0);

  // Another group is another namespace.
  ASSERT_TRUE(do_join_group(env(), fern, other.id, request({}, true, {"Sleepy Owl", std::nullopt})).ok());
  // …so reusing that persona in the first group clashes there.
  auto reuse_clash = do_join_group(env(), fern, group.id, request({}, true, {"", persona_of(other.id, fern)}));
  ASSERT_FALSE(reuse_clash.ok());
  expect_error(reuse_clash.error(), ErrorCode::conflict, "persona_name");
  EXPECT_FALSE(membership(group.id, fern).has_value());
}

TEST_F(MembershipActions, AnInvalidChosenPseudonymWritesNothing) {
  const AccountId owner = account("willow");
  const AccountId heron = account("heron");
  const Group group = create(owner, "New parents", "public");
  for (const char* bad : {"Anonymous A", "Former member", "<b>x</b>", "ab"}) {
    auto refused = do_join_group(env(), heron, group.id, request({}, true, {bad, std::nullopt}));
    ASSERT_FALSE(refused.ok()) << bad;
    expect_error(refused.error(), ErrorCode::invalid_input, "persona_name");
  }
  EXPECT_FALSE(membership(group.id, heron).has_value());
  EXPECT_EQ(count("SELECT COUNT(*) FROM personas WHERE account_id = ?", {heron}), 0);
}

}  // namespace
}  // namespace hearth
