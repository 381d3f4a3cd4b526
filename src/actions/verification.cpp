#include "actions/verification.hpp"

#include "actions/transaction.hpp"
#include "store/audit_log.hpp"
#include "store/personas.hpp"
#include "store/platform_admins.hpp"

namespace hearth {
namespace {

Error only_platform_admins() {
  return make_error(ErrorCode::forbidden, "Only Hearth's platform admins can do this.");
}

Error no_such_login() {
  return make_error(ErrorCode::not_found,
                    "There is no account with that login name. Please check it with the member.", "login");
}

std::optional<AccountId> account_by_login(Connection& c, std::string_view login) {
  return verifications::account_by_login_key(c, login_key(login));
}

// Pages that show the account's badges are out of date once they change.
void tell_groups(const ActionEnvironment& env, const std::vector<GroupId>& groups) {
  for (const GroupId g : groups) env.changes->group_changed(g);
}

std::string describe(std::string_view login, const VerificationDraft& d) {
  std::string text = "Verified " + std::string(login) + " as ";
  if (d.kind == VerificationKind::health_professional) text += "a health professional (" + d.profession + ")";
  else text += "a trained peer volunteer";
  return text + ", " + d.jurisdiction + ".";
}

}  // namespace

bool has_active_verification(Connection& c, AccountId account) {
  const auto found = verifications::find(c, account);
  return found && found->active();
}

Status do_verify_member(const ActionEnvironment& env, AccountId admin, std::string_view login,
                        const VerificationDraft& raw) {
  auto draft = validate_verification(raw);
  if (!draft) return draft.error();
  std::vector<GroupId> changed;
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    const auto account = account_by_login(c, login);
    if (!account) return no_such_login();
    // A badge that would now say something else waits for the member to choose again.
    const auto before = verifications::find(c, *account);
    if (before && (before->kind != draft->kind || before->profession != draft->profession)) {
      changed = verifications::groups_showing_badges_of(c, *account);
      verifications::hide_all_badges(c, *account);
    }
    verifications::upsert(c, *account, *draft, admin, env.clock.now());
    audit_log::record_admin(c, admin, "admin.verified", describe(login, *draft), env.clock.now());
    return success();
  });
  if (done) tell_groups(env, changed);
  return done;
}

Status do_revoke_verification(const ActionEnvironment& env, AccountId admin, std::string_view login) {
  std::vector<GroupId> changed;
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    const auto account = account_by_login(c, login);
    if (!account) return no_such_login();
    changed = verifications::groups_showing_badges_of(c, *account);
    if (!verifications::revoke(c, *account, admin, env.clock.now())) {
      return make_error(ErrorCode::conflict, "That account has no verification to revoke.", "login");
    }
    audit_log::record_admin(c, admin, "admin.verification_revoked",
                            "Revoked the verification of " + std::string(login) + "; their badges are gone.",
                            env.clock.now());
    return success();
  });
  if (done) tell_groups(env, changed);
  return done;
}

Result<std::vector<verifications::Listed>> read_verifications(const ActionEnvironment& env, AccountId admin) {
  return env.store.read([&](Connection& c) -> Result<std::vector<verifications::Listed>> {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    return verifications::list(c, 500);
  });
}

std::optional<verifications::Verification> read_own_verification(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) { return verifications::find(c, account); });
}

Status do_set_badge_shown(const ActionEnvironment& env, AccountId account, PersonaId persona, bool shown) {
  std::vector<GroupId> changed;
  Status done = write_or_error<Done>(env, [&](Connection& c) -> Status {
    const auto found = personas::find(c, persona);
    if (!found || found->account_id != account) {
      return make_error(ErrorCode::not_found, "That pseudonym isn't one of yours.");
    }
    if (shown && !has_active_verification(c, account)) {
      return make_error(ErrorCode::forbidden,
                        "Your account isn't verified, so there is no badge to show. Hearth's platform admins can "
                        "verify health professionals and trained peer volunteers.");
    }
    if (shown) verifications::show_badge(c, persona, account, env.clock.now());
    else verifications::hide_badge(c, persona);
    changed = verifications::groups_of_persona(c, account, persona);
    return success();
  });
  if (done) tell_groups(env, changed);
  return done;
}

bool read_badge_switched_on(const ActionEnvironment& env, PersonaId persona) {
  return env.store.read([&](Connection& c) { return verifications::badge_switched_on(c, persona); });
}

std::unordered_map<PersonaId, Badge> read_group_badges(const ActionEnvironment& env, GroupId group) {
  return env.store.read([&](Connection& c) { return verifications::badges_in_group(c, group); });
}

std::optional<Badge> read_persona_badge(const ActionEnvironment& env, PersonaId persona) {
  return env.store.read([&](Connection& c) { return verifications::badge_of(c, persona); });
}

}  // namespace hearth
