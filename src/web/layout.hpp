#pragma once
// The page frame every page shares: skip link, header with "Get help now", navigation,
// main landmark, footer; one CSS and one deferred JS file, both same-origin.
#include <string>
#include <string_view>

#include "core/http_message.hpp"
#include "core/html.hpp"
#include "web/page_context.hpp"

namespace hearth {

struct PageMeta {
  std::string title;         // "Settings" → "<title>Settings · Hearth</title>"
  bool indexable = false;    // only public, non-personal pages may be indexed
};

// The full document around `body_html` (which must come from an Html writer).
// `unread_messages`, `message_requests`: shown in the signed-in navigation as
// "Messages (N) · M requests" (docs/messages.md).
std::string render_layout(const PageMeta& meta, bool logged_in, std::string_view csrf_token,
                          std::string_view body_html, int64_t unread_messages = 0, int64_t message_requests = 0);
Response render_page(PageContext& context, const PageMeta& meta, const Html& body, int status = 200);

}  // namespace hearth
