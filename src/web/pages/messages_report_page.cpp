// Reporting a private message to the group's moderators (docs/messages.md).
//   GET  /g/{slug}/messages/{id}/m/{message_id}/report   the message and the reasons
//   POST /g/{slug}/messages/{id}/m/{message_id}/report   file it (once; again changes nothing)
// Only the conversation's two participants can; for anyone else the address doesn't exist.
#include "actions/moderation_messages.hpp"
#include "store/groups.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/moderation_views.hpp"
#include "web/report_form.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

struct Item {
  GroupInView group;
  messages::Message message;
};

// The message, if the viewer may report it and it belongs to the conversation in the address.
std::optional<Item> load(PageContext& context) {
  auto group = group_from_path(context);
  const auto conversation = parse_id(context.request.param("id").value_or(""));
  const auto id = parse_id(context.request.param("message_id").value_or(""));
  if (!group || !conversation || !id) return std::nullopt;
  auto message = read_reportable_message(context.env, context.viewer->account.id, *id);
  if (!message || message->group_id != group->group.id || message->conversation_id != *conversation) {
    return std::nullopt;
  }
  return Item{std::move(*group), std::move(*message)};
}

Response render(PageContext& context, const Item& item, const std::optional<Error>& error) {
  const Group& g = item.group.group;
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, g.id); });
  const std::string back = conversation_url(g, item.message.conversation_id);
  const std::string action = back + "/m/" + std::to_string(item.message.id) + "/report";
  Html h;
  h.m("<section class=\"card narrow-wide\"><h1>Report a private message</h1><p>The group's moderators will read this "
      "message so that they can act on it. They won't read the rest of your conversation.</p>"
      "<h2>The message</h2><div class=\"prose\">")
      .raw_unescaped(item.message.body_html)
      .m("</div>");
  h.m("<form method=\"post\" action=\"").t(action).m("\">");
  csrf_input(h, context);
  if (error) error_summary(h, *error);
  report_form_fields(h, context, rules, error, back);
  h.m("</section>");
  return render_page(context, {.title = "Report a private message"}, h, error ? status_for(*error) : 200);
}

Response show(PageContext& context) {
  auto item = load(context);
  if (!item) return render_not_found(context);
  return render(context, *item, std::nullopt);
}

Response submit(PageContext& context) {
  auto item = load(context);
  if (!item) return render_not_found(context);
  const auto reason = parse_report_reason(context.field("reason"));
  if (!reason) {
    return render(context, *item, make_error(ErrorCode::invalid_input, "Please choose what's wrong.", "reason"));
  }
  ReportDraft draft{*reason, std::nullopt, context.field("note")};
  if (const auto rule = parse_id(context.field("rule")); rule && *rule < 1000) draft.rule = static_cast<int>(*rule);
  auto filed = do_report_message(context.env, context.viewer->account.id, item->message.id, draft);
  if (!filed) {
    if (filed.error().code == ErrorCode::not_found) return render_not_found(context);
    return render(context, *item, filed.error());
  }
  return after_report(*filed, *reason);
}

}  // namespace

void add_messages_report_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::get, "/g/{slug}/messages/{id}/m/{message_id}/report",
                    web_page(env, PageAccess::members_only, show), "web.messages.message.report"});
  routes.push_back({Method::post, "/g/{slug}/messages/{id}/m/{message_id}/report",
                    web_page(env, PageAccess::members_only, submit), "web.messages.message.report.submit"});
}

}  // namespace hearth
