#include "actions/platform_admin.hpp"

#include <fmt/format.h>

#include "actions/moderation_target.hpp"
#include "actions/transaction.hpp"
#include "core/text.hpp"
#include "domain/account.hpp"
#include "store/groups.hpp"
#include "store/personas.hpp"
#include "store/platform_admins.hpp"
#include "store/posts.hpp"

namespace hearth {
namespace {

Error only_platform_admins() {
  return make_error(ErrorCode::forbidden, "Only Hearth's platform admins can do this.");
}

Result<std::string> written_reason(std::string_view raw, std::size_t min_length, std::string_view field) {
  const std::string text(trim(raw));
  if (!is_valid_utf8(text) || has_control_characters(text) || utf8_length(text) > 2000) {
    return make_error(ErrorCode::invalid_input, "Please write the reason as plain text, at most 2,000 characters.",
                      std::string(field));
  }
  if (utf8_length(text) < min_length) {
    return make_error(ErrorCode::invalid_input,
                      fmt::format("Please write the reason in full (at least {} characters). Every platform admin "
                                  "will read it.",
                                  min_length),
                      std::string(field));
  }
  return text;
}

}  // namespace

bool is_platform_admin(const ActionEnvironment& env, AccountId account) {
  return env.store.read([&](Connection& c) { return platform_admins::is_admin(c, account); });
}

Status do_set_platform_admin(const ActionEnvironment& env, std::string_view login, bool admin) {
  return write_or_error<Done>(env, [&](Connection& c) -> Status {
    const std::string key = login_key(login);
    if (!platform_admins::set_admin(c, key, admin)) {
      return make_error(ErrorCode::not_found, "There is no account with that login name.");
    }
    const auto id = c.first_i64("SELECT id FROM accounts WHERE login_key = ?", {key});
    audit_log::record_admin(c, *id, admin ? "admin.granted" : "admin.revoked",
                            admin ? "Made a platform admin by the operator (hearth admin grant)."
                                  : "No longer a platform admin (hearth admin revoke).",
                            env.clock.now());
    return success();
  });
}

Result<std::vector<EscalationView>> read_escalations(const ActionEnvironment& env, AccountId admin) {
  return env.store.read([&](Connection& c) -> Result<std::vector<EscalationView>> {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    std::vector<EscalationView> views;
    for (auto& e : escalations::list(c, 100)) {
      EscalationView view{std::move(e), std::nullopt, std::nullopt, ""};
      const auto& esc = view.escalation;
      if (esc.item == ReportItem::post) {
        view.post = moderation_queue::post_card(c, esc.group_id, esc.item_id);
        if (view.post && view.post->author.anonymous) view.handle = anonymous_handle(env.secret_key, esc.item_id);
      } else {
        view.persona = moderation_queue::persona_card(c, esc.group_id, esc.item_id);
      }
      views.push_back(std::move(view));
    }
    return views;
  });
}

Status do_resolve_escalation(const ActionEnvironment& env, AccountId admin, int64_t escalation_id,
                             std::string_view raw) {
  return write_or_error<Done>(env, [&](Connection& c) -> Status {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    auto resolution = written_reason(raw, 1, "resolution");
    if (!resolution) return resolution.error();
    const auto escalation = escalations::find(c, escalation_id);
    const UnixMillis now = env.clock.now();
    if (!escalation || !escalations::resolve(c, escalation_id, admin, *resolution, now)) {
      return make_error(ErrorCode::not_found, "That escalation doesn't exist or was already resolved.");
    }
    audit_log::record_admin(c, admin, "admin.escalation.resolved",
                            fmt::format("Escalation from {} ({} {}): {}", escalation->group_slug,
                                        report_item_name(escalation->item), escalation->item_id, *resolution),
                            now);
    return success();
  });
}

Result<Unmasked> do_unmask(const ActionEnvironment& env, AccountId admin, PostId post_id, std::string_view raw) {
  return write_or_error<Unmasked>(env, [&](Connection& c) -> Result<Unmasked> {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    auto reason = written_reason(raw, min_unmask_reason_length, "reason");
    if (!reason) return reason.error();
    const auto post = posts::find(c, post_id);
    if (!post) return make_error(ErrorCode::not_found, "There is no post with that number.");
    if (!post->anonymous)
      return make_error(ErrorCode::conflict, "This post isn't anonymous: its author is shown on it.");
    const auto group = groups::find(c, post->group_id);
    const auto persona = personas::find(c, post->author_persona_id);
    if (!group || !persona) return make_error(ErrorCode::not_found, "There is no post with that number.");
    Unmasked unmasked{group->slug, group->name, persona->id, persona->name, anonymous_handle(env.secret_key, post_id)};
    audit_log::record_admin(c, admin, "admin.unmask",
                            fmt::format("Unmasked the author of anonymous post {} (handle {}) in {}. Reason: {}",
                                        post_id, unmasked.handle, group->slug, *reason),
                            env.clock.now());
    return unmasked;
  });
}

Result<std::vector<audit_log::AdminEntry>> read_admin_audit(const ActionEnvironment& env, AccountId admin) {
  return env.store.read([&](Connection& c) -> Result<std::vector<audit_log::AdminEntry>> {
    if (!platform_admins::is_admin(c, admin)) return only_platform_admins();
    return audit_log::admin_entries(c, 200);
  });
}

}  // namespace hearth
