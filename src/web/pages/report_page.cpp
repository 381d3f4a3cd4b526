// GET/POST /g/{slug}/posts/{id}/report and /g/{slug}/p/{persona_id}/report: anyone logged in
// who may read a post or a persona reports it to the group's moderators, with a reason and
// an optional note. Reporting the same thing again changes nothing. Afterwards the member is
// taken to "Your reports", where they see it was received and, later, what came of it.
#include "actions/reports.hpp"
#include "policy/moderation.hpp"
#include "store/groups.hpp"
#include "store/personas.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_form.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/moderation_views.hpp"
#include "web/report_form.hpp"
#include "web/routes.hpp"
#include "web/thread_views.hpp"

namespace hearth {
namespace {

// What is being reported, once the viewer may see it.
struct Item {
  GroupInView group;
  ReportItem kind = ReportItem::post;
  int64_t id = 0;
  std::string description;  // "a post in “Evenings”", "Quiet Heron"
  std::string back;         // where "Cancel" goes
};

Result<Item> find(PageContext& context, ReportItem kind, std::optional<Response>& refusal) {
  auto group = group_from_path(context);
  if (!group) {
    refusal = render_not_found(context);
    return group_not_found();
  }
  if (!can_report(group->group.privacy, group->viewer)) {
    refusal = members_only_page(context, *group);
    return group_not_found();
  }
  Item item{*group, kind};
  if (kind == ReportItem::post) {
    const auto post = path_post(context, *group);
    if (!post || post->post.deleted_at) {
      refusal = render_not_found(context);
      return post_not_found();
    }
    item.id = post->post.id;
    const bool opening = post->post.id == post->thread.thread.opening_post_id;
    item.description =
        std::string(opening ? "the opening post of “" : "a reply in “") + post->thread.thread.title + "”";
    item.back = thread_url(group->group, post->post.thread_id, "#post-" + std::to_string(item.id));
    return item;
  }
  const auto persona = parse_id(context.request.param("persona_id").value_or(""));
  const auto name = context.env.store.read([&](Connection& c) -> std::optional<std::string> {
    if (!persona || !personas::is_active_in(c, *persona, group->group.id)) return std::nullopt;
    auto found = personas::find(c, *persona);
    return found ? std::optional<std::string>(found->name) : std::nullopt;
  });
  if (!name) {
    refusal = render_not_found(context);
    return group_not_found();
  }
  item.id = *persona;
  item.description = *name;
  item.back = persona_url(group->group, *persona);
  return item;
}

std::string action_url(const Item& item) {
  if (item.kind == ReportItem::post) return post_url(item.group.group, item.id, "/report");
  return persona_url(item.group.group, item.id) + "/report";
}

Response render(PageContext& context, const Item& item, const std::optional<Error>& error) {
  const auto rules = context.env.store.read([&](Connection& c) { return groups::rules(c, item.group.group.id); });
  Html h;
  h.m("<section class=\"card narrow\"><h1>Report ")
      .t(item.kind == ReportItem::post ? "a post" : "a member")
      .m("</h1><p>You're reporting ")
      .t(item.description)
      .m(" in ")
      .t(item.group.group.name)
      .m(". Only the group's moderators read reports, and they never see who sent one.</p>");
  h.m("<form method=\"post\" action=\"").t(action_url(item)).m("\">");
  csrf_input(h, context);
  if (error) error_summary(h, *error);
  report_form_fields(h, context, rules, error, item.back);
  h.m("</section>");
  return render_page(context, {.title = "Report"}, h, error ? status_for(*error) : 200);
}

Response show(PageContext& context, ReportItem kind) {
  std::optional<Response> refusal;
  auto item = find(context, kind, refusal);
  if (!item) return std::move(*refusal);
  return render(context, *item, std::nullopt);
}

Response submit(PageContext& context, ReportItem kind) {
  std::optional<Response> refusal;
  auto item = find(context, kind, refusal);
  if (!item) return std::move(*refusal);
  const auto reason = parse_report_reason(context.field("reason"));
  if (!reason)
    return render(context, *item, make_error(ErrorCode::invalid_input, "Please choose what's wrong.", "reason"));
  ReportDraft draft{*reason, std::nullopt, context.field("note")};
  if (const auto rule = parse_id(context.field("rule")); rule && *rule < 1000) draft.rule = static_cast<int>(*rule);
  const AccountId me = context.viewer->account.id;
  auto filed = kind == ReportItem::post ? do_report_post(context.env, me, item->id, draft)
                                        : do_report_persona(context.env, me, item->group.group.id, item->id, draft);
  if (!filed) {
    if (filed.error().code == ErrorCode::not_found) return render_not_found(context);
    return render(context, *item, filed.error());
  }
  return after_report(*filed, *reason);
}

}  // namespace

void add_report_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  const auto members = PageAccess::members_only;
  routes.push_back({Method::get, "/g/{slug}/posts/{id}/report",
                    web_page(env, members, [](PageContext& c) { return show(c, ReportItem::post); }),
                    "web.post.report"});
  routes.push_back({Method::post, "/g/{slug}/posts/{id}/report",
                    web_page(env, members, [](PageContext& c) { return submit(c, ReportItem::post); }),
                    "web.post.report.submit"});
  routes.push_back({Method::get, "/g/{slug}/p/{persona_id}/report",
                    web_page(env, members, [](PageContext& c) { return show(c, ReportItem::persona); }),
                    "web.persona.report"});
  routes.push_back({Method::post, "/g/{slug}/p/{persona_id}/report",
                    web_page(env, members, [](PageContext& c) { return submit(c, ReportItem::persona); }),
                    "web.persona.report.submit"});
}

}  // namespace hearth
