#pragma once
// Platform admins (accounts.platform_admin, granted with `hearth admin grant <login>`): the
// escalated items of every group, and unmasking the author of an anonymous post — only
// with a written reason, recorded in the audit log that every platform admin reads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/environment.hpp"
#include "core/result.hpp"
#include "domain/conversation.hpp"
#include "store/audit_log.hpp"
#include "store/escalations.hpp"
#include "store/moderation_queue.hpp"

namespace hearth {

bool is_platform_admin(const ActionEnvironment& env, AccountId account);
// The operator grants or withdraws the role (`hearth admin grant|revoke <login>`); recorded
// in the platform admins' log.
Status do_set_platform_admin(const ActionEnvironment& env, std::string_view login, bool admin);

struct EscalationView {
  escalations::Escalation escalation;
  std::optional<moderation_queue::PostCard> post;
  std::optional<moderation_queue::PersonaCard> persona;
  std::string handle;  // an anonymous post's
};
Result<std::vector<EscalationView>> read_escalations(const ActionEnvironment& env, AccountId admin);
Status do_resolve_escalation(const ActionEnvironment& env, AccountId admin, int64_t escalation_id,
                             std::string_view resolution);

inline constexpr std::size_t min_unmask_reason_length = 20;
struct Unmasked {
  std::string group_slug;
  std::string group_name;
  PersonaId persona_id = 0;
  std::string persona_name;  // the author's pseudonym in that group
  std::string handle;
};
// Who wrote an anonymous post, for a platform admin who says why they must know. The
// record (who, which post, why) is written in the same transaction as the answer is read.
Result<Unmasked> do_unmask(const ActionEnvironment& env, AccountId admin, PostId post_id, std::string_view reason);

Result<std::vector<audit_log::AdminEntry>> read_admin_audit(const ActionEnvironment& env, AccountId admin);

}  // namespace hearth
