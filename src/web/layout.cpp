#include "web/layout.hpp"

#include "actions/messages.hpp"
#include "web/assets.hpp"

namespace hearth {
namespace {

// "Messages (2) · 1 request": new messages, and requests waiting for an answer (apart: a
// request is not a conversation yet). assets/hearth.js writes the same words when the live
// count changes (GET /api/v1/me/events), so the two must stay alike.
void messages_link(Html& h, int64_t unread, int64_t requests) {
  h.m("<li><a id=\"nav-messages\" href=\"/messages\">Messages");
  if (unread > 0) h.m(" (").num(unread).m("<span class=\"visually-hidden\"> new</span>)");
  if (requests > 0) h.m(" · ").num(requests).t(requests == 1 ? " request" : " requests");
  h.m("</a></li>");
}

}  // namespace

std::string render_layout(const PageMeta& meta, bool logged_in, std::string_view csrf_token, std::string_view body_html,
                          int64_t unread_messages, int64_t message_requests) {
  Html h;
  h.m("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<meta name=\"color-scheme\" content=\"light dark\">");
  if (!meta.indexable) h.m("<meta name=\"robots\" content=\"noindex, nofollow\">");
  h.m("<title>").t(meta.title).m(" · Hearth</title>");
  h.m("<link rel=\"stylesheet\" href=\"").t(asset_url("hearth.css")).m("\">");
  h.m("<link rel=\"icon\" href=\"").t(asset_url("favicon.svg")).m("\" type=\"image/svg+xml\">");
  h.m("<script src=\"").t(asset_url("hearth.js")).m("\" defer></script></head><body>");
  h.m("<a class=\"skip-link\" href=\"#main\">Skip to main content</a>");
  h.m("<header class=\"site-header\"><div class=\"wrap header-row\">"
      "<a class=\"brand\" href=\"/\"><span class=\"brand-mark\" aria-hidden=\"true\"></span>Hearth</a>"
      "<nav aria-label=\"Main\"><ul class=\"nav-list\">");
  if (logged_in) {
    h.m("<li><a href=\"/\">Home</a></li><li><a href=\"/groups\">Groups</a></li>"
        "<li><a href=\"/search\">Search</a></li>");
    messages_link(h, unread_messages, message_requests);
    h.m("<li><a href=\"/settings\">Settings</a></li>"
        "<li><form method=\"post\" action=\"/logout\" class=\"inline-form\">"
        "<input type=\"hidden\" name=\"csrf\" value=\"")
        .t(csrf_token)
        .m("\"><button type=\"submit\" class=\"link-button\">Log out</button></form></li>");
  } else {
    h.m("<li><a href=\"/groups\">Groups</a></li><li><a href=\"/search\">Search</a></li>"
        "<li><a href=\"/login\">Log in</a></li>"
        "<li><a href=\"/signup\">Sign up</a></li>");
  }
  h.m("<li><a class=\"help-link\" href=\"/help\">Get help now</a></li></ul></nav></div></header>");
  h.m("<main id=\"main\" class=\"wrap\" tabindex=\"-1\">").raw_unescaped(body_html).m("</main>");
  h.m("<footer class=\"site-footer\"><div class=\"wrap\"><p>Hearth is peer support, not a replacement for "
      "professional care. If you might be in danger, <a href=\"/help\">find crisis lines for your region</a>.</p>"
      "<p>No tracking, no advertising, no third parties.</p></div></footer></body></html>");
  return h.take();
}

Response render_page(PageContext& context, const PageMeta& meta, const Html& body, int status) {
  Response response;
  response.status = status;
  const std::string csrf = context.viewer ? context.csrf_token() : std::string();
  const MessageCounts counts =
      context.viewer ? read_message_counts(context.env, context.viewer->account.id) : MessageCounts{};
  response.body = render_layout(meta, context.viewer.has_value(), csrf, body.str(), counts.unread, counts.requests);
  return response;
}

}  // namespace hearth
