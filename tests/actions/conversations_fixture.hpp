#pragma once
// Shared set-up for the conversation tests (actions and store): accounts, groups of each
// privacy level, members in every state, and helpers that post through the real actions.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "actions/groups.hpp"
#include "actions/threads.hpp"
#include "core/random.hpp"
#include "store/accounts.hpp"
#include "store/memberships.hpp"
#include "store/personas.hpp"
#include "support/temp_store.hpp"

namespace hearth::testing {

class ConversationTest : public ::testing::Test {
 protected:
  ActionEnvironment& env() { return test_.env(); }
  Store& store() { return test_.store(); }
  FakeClock& clock() { return test_.clock(); }

  AccountId account(const std::string& login) {
    const AccountId id = random_id();
    store().write([&](Connection& c) { accounts::insert(c, {id, login, "not-a-real-hash", "", clock().now()}); });
    return id;
  }

  // A group owned by `owner` (who shows as "<name> Owner").
  GroupId group(AccountId owner, const std::string& name, const std::string& privacy, bool anonymous_posting = true) {
    GroupDraft draft;
    draft.name = name;
    draft.description = "A place to talk";
    draft.privacy = privacy;
    draft.anonymous_posting = anonymous_posting;
    auto created = do_create_group(env(), owner, draft, PersonaChoice{name + " Owner", std::nullopt});
    EXPECT_TRUE(created.ok()) << (created.ok() ? "" : created.error().message);
    return created.ok() ? created->id : 0;
  }

  // Puts `account` in the group as `persona_name` with the given status and role.
  PersonaId member(AccountId account, GroupId group_id, const std::string& persona_name,
                   MembershipStatus status = MembershipStatus::active, Role role = Role::member) {
    Persona persona;
    persona.id = random_id();
    persona.account_id = account;
    persona.name = persona_name;
    persona.created_at = clock().now();
    store().write([&](Connection& c) {
      personas::insert(c, persona);
      Membership m{group_id,
                   account,
                   persona.id,
                   role,
                   false,
                   status,
                   "",
                   clock().now(),
                   status == MembershipStatus::active ? std::optional<UnixMillis>(clock().now()) : std::nullopt};
      memberships::insert(c, m, persona_key(persona_name), "");
    });
    return persona.id;
  }

  void set_status(AccountId account, GroupId group_id, MembershipStatus status) {
    store().write([&](Connection& c) { memberships::set_status(c, group_id, account, status, "", clock().now()); });
  }

  static PostDraft draft(const std::string& title, const std::string& body, bool anonymous = false,
                         const std::string& content_warning = "") {
    return PostDraft{title, body, content_warning, anonymous};
  }
  static std::string key() { return "form-" + random_hex(8); }

  NewThread start(AccountId author, GroupId group_id, const std::string& title, const std::string& body,
                  bool anonymous = false) {
    auto started = do_start_thread(env(), author, group_id, draft(title, body, anonymous), key());
    EXPECT_TRUE(started.ok()) << (started.ok() ? "" : started.error().message);
    return started.ok() ? *started : NewThread{};
  }

  PostId reply(AccountId author, ThreadId thread_id, std::optional<PostId> parent, const std::string& body,
               bool anonymous = false) {
    auto replied = do_reply(env(), author, thread_id, parent, draft("", body, anonymous), key());
    EXPECT_TRUE(replied.ok()) << (replied.ok() ? "" : replied.error().message);
    return replied.ok() ? *replied : 0;
  }

  int64_t count(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    return store().read([&](Connection& c) { return c.first_i64(sql, params).value_or(-1); });
  }

  template <class T>
  static void expect_error(const Result<T>& result, ErrorCode code) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_FALSE(result.error().message.empty());
  }

 private:
  TestEnvironment test_;
};

}  // namespace hearth::testing
