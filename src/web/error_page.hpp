#pragma once
// Error pages (400, 403, 404, 413, 429, 500 …) in the site's frame. The message and the
// path are escaped like everything else.
#include <string_view>

#include "actions/environment.hpp"
#include "core/http_message.hpp"
#include "web/page_context.hpp"

namespace hearth {

Response render_error_page(const Request& request, int status, std::string_view message);
// The 404 page, in the viewer's own frame (a member keeps their navigation).
Handler not_found_page(const ActionEnvironment& env);
// The same 404 page from inside a page handler. Group pages answer with it for a hidden
// group the viewer may not see, so that it is indistinguishable from a missing one.
Response render_not_found(PageContext& context);

}  // namespace hearth
