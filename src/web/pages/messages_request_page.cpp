// Answering a message request (docs/messages.md, "Message requests"), from /messages or the
// conversation's page:
//   POST /g/{slug}/messages/{id}/accept    the conversation becomes an ordinary one
//   POST /g/{slug}/messages/{id}/decline   it leaves the list; with block=1 the sender's
//                                          persona is blocked too (the usual block)
// The sender is never told either way. For anyone but the conversation's two sides the
// address doesn't exist.
#include "actions/blocking.hpp"
#include "actions/messages.hpp"
#include "web/error_page.hpp"
#include "web/forms.hpp"
#include "web/group_views.hpp"
#include "web/layout.hpp"
#include "web/message_views.hpp"
#include "web/routes.hpp"

namespace hearth {
namespace {

// The conversation, if the viewer is one of its sides and it is in the group of the address.
std::optional<ConversationView> load(PageContext& context) {
  const auto id = parse_id(context.request.param("id").value_or(""));
  if (!id) return std::nullopt;
  auto view = read_conversation(context.env, context.viewer->account.id, *id, std::nullopt);
  if (!view || view->group.group.slug != context.request.param("slug").value_or("")) return std::nullopt;
  return std::move(*view);
}

Response refused(PageContext& context, const Error& error) {
  if (error.code == ErrorCode::not_found) return render_not_found(context);
  Html h;
  h.m("<section class=\"card narrow-wide\"><h1>Message request</h1><p>")
      .t(error.message)
      .m("</p><p><a href=\"/messages\">Back to your messages</a></p></section>");
  return render_page(context, {.title = "Message request"}, h, status_for(error));
}

Response accept(PageContext& context) {
  auto view = load(context);
  if (!view) return render_not_found(context);
  if (auto done = do_accept_message_request(context.env, context.viewer->account.id, view->id); !done) {
    return refused(context, done.error());
  }
  return redirect_see_other(conversation_url(view->group.group, view->id, "?accepted=1#latest"));
}

Response decline(PageContext& context) {
  auto view = load(context);
  if (!view) return render_not_found(context);
  const AccountId viewer = context.viewer->account.id;
  if (auto done = do_decline_message_request(context.env, viewer, view->id); !done) {
    return refused(context, done.error());
  }
  if (context.field("block") != "1") return redirect_see_other("/messages?declined=1#requests");
  if (auto blocked = do_block_persona(context.env, viewer, view->group.group.id, view->other_persona_id); !blocked) {
    return refused(context, blocked.error());
  }
  return redirect_see_other("/messages?declined=blocked#requests");
}

}  // namespace

void add_messages_request_page(std::vector<Route>& routes, const ActionEnvironment& env) {
  routes.push_back({Method::post, "/g/{slug}/messages/{id}/accept", web_page(env, PageAccess::members_only, accept),
                    "web.messages.request.accept"});
  routes.push_back({Method::post, "/g/{slug}/messages/{id}/decline", web_page(env, PageAccess::members_only, decline),
                    "web.messages.request.decline"});
}

}  // namespace hearth
