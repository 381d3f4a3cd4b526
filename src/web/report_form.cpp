#include "web/report_form.hpp"

#include "domain/moderation.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/moderation_views.hpp"

namespace hearth {
namespace {

// "Breaks a group rule" is offered only in a group that has rules.
void reasons(Html& h, const std::vector<std::string>& rules, std::string_view chosen) {
  h.m("<fieldset class=\"field\"><legend>What's wrong?</legend>");
  for (const ReportReason reason : all_report_reasons) {
    if (reason == ReportReason::group_rule && rules.empty()) continue;
    const std::string_view name = report_reason_name(reason);
    h.m("<div class=\"radio\"><input type=\"radio\" name=\"reason\" id=\"reason-")
        .t(name)
        .m("\" value=\"")
        .t(name)
        .m("\"");
    if (chosen == name) h.m(" checked");
    h.m(" required><label for=\"reason-").t(name).m("\">").t(report_reason_label(reason)).m("</label></div>");
  }
  h.m("</fieldset>");
}

}  // namespace

void report_form_fields(Html& h, const PageContext& context, const std::vector<std::string>& rules,
                        const std::optional<Error>& error, std::string_view back) {
  reasons(h, rules, error ? context.field("reason") : "");
  if (!rules.empty()) {
    rule_select(h, rules, "rule", "Which rule it breaks (if you chose that)", error ? context.field("rule") : "",
                error_for(error, "rule"));
  }
  textarea_field(h,
                 {.name = "note",
                  .label = "Anything the moderators should know",
                  .hint = "For example, what worries you. Please leave out anyone's private details.",
                  .value = error ? context.field("note") : "",
                  .error = error_for(error, "note"),
                  .required = false,
                  .max_length = static_cast<int>(max_report_note_length)},
                 3);
  h.m("<p class=\"hint\">If someone is in danger right now, call your local emergency number. Crisis lines are on the "
      "<a href=\"/help\">Get help now</a> page.</p><button type=\"submit\" class=\"button\">Send the report</button> "
      "<a href=\"")
      .t(back)
      .m("\">Cancel</a></form>");
}

Response after_report(const ReportReceipt& receipt, ReportReason reason) {
  std::string next = receipt.already_reported ? "/me/reports?received=again" : "/me/reports?received=1";
  if (reason == ReportReason::at_risk) next += "&risk=1";
  return redirect_see_other(next);
}

}  // namespace hearth
