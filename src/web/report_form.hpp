#pragma once
// The fields every report form shares (a post, a member, a private message): what's wrong,
// which of the group's rules if that is the reason, a note for the moderators, the crisis
// hint, and Send / Cancel. The page around it says what is being reported and to whom.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actions/reports.hpp"
#include "core/html.hpp"
#include "core/http_message.hpp"
#include "core/result.hpp"
#include "web/page_context.hpp"

namespace hearth {

// After the form's opening tag, its CSRF token and error summary; closes the form. The
// fields keep what the member chose when `error` sends the form back to them.
void report_form_fields(Html& h, const PageContext& context, const std::vector<std::string>& rules,
                        const std::optional<Error>& error, std::string_view back);

// Once a report is filed: "Your reports", which says it was received (or had been already),
// and shows the crisis lines when the reason was that someone may be at risk.
Response after_report(const ReportReceipt& receipt, ReportReason reason);

}  // namespace hearth
