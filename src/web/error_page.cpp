#include "web/error_page.hpp"

#include "core/html.hpp"
#include "web/layout.hpp"

namespace hearth {
namespace {

const char* heading_for(int status) {
  switch (status) {
    case 400: return "Something in that request wasn't right";
    case 403: return "That didn't go through";
    case 404: return "We couldn't find that page";
    case 405: return "That isn't something this page can do";
    case 413: return "That was too much to send at once";
    case 415: return "That kind of submission isn't accepted here";
    case 429: return "Please slow down a little";
    case 431: return "The request headers were too large";
    case 503: return "Hearth is busy right now";
    default: return status >= 500 ? "Something went wrong on our side" : "That didn't work";
  }
}

}  // namespace

Response render_error_page(const Request& request, int status, std::string_view message) {
  Html body;
  body.m("<section class=\"card narrow\"><h1>").t(heading_for(status)).m("</h1><p>").t(message).m("</p>");
  body.m("<p><a href=\"/\">Go to the home page</a> · <a href=\"/help\">Get help now</a></p></section>");
  (void)request;
  Response response;
  response.status = status;
  response.body = render_layout({.title = heading_for(status)}, false, "", body.str());
  return response;
}

Response render_not_found(PageContext& context) {
  Html body;
  body.m("<section class=\"card narrow\"><h1>We couldn't find that page</h1><p>There is nothing at <code>")
      .t(context.request.path)
      .m("</code>. It may have moved, or the link may be mistyped.</p>"
         "<p><a href=\"/\">Go to the home page</a> · <a href=\"/help\">Get help now</a></p></section>");
  return render_page(context, {.title = "Not found"}, body, 404);
}

Handler not_found_page(const ActionEnvironment& env) {
  return web_page(env, PageAccess::anyone, render_not_found);
}

}  // namespace hearth
