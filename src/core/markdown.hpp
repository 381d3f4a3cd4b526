#pragma once
// Member posts are written in GitHub-flavoured Markdown. This is the one place that turns
// them into HTML, and the one place whose output pages may embed with Html::raw_unescaped.
#include <string>
#include <string_view>

namespace hearth {

// Renders a member's Markdown as HTML that is safe to embed unescaped in a Hearth page.
//
// Contract (what callers may rely on; tests/web/markdown_test.cpp checks each point):
// - Markup comes only from this renderer: every piece of the source reaches the output as
//   escaped text or as an escaped attribute value, never as markup. Raw HTML in the source
//   (blocks and inline tags, comments) is dropped.
// - Links keep only http:, https:, mailto: and relative URLs; any other scheme
//   (javascript:, data:, vbscript:, file:, …) leaves the link text without a link. Every
//   link carries rel="nofollow ugc noopener" and no target.
// - Images are shown only from Hearth itself (a URL starting with "/" but not "//"); any
//   other image becomes a link to it showing its alt text, so a page never makes a
//   third-party request.
// - Headings are demoted below the page's own: "#" renders as <h3>, "##" as <h4>, and
//   "###" to "######" as <h5>/<h6>.
// - Output is valid UTF-8 (invalid input bytes become U+FFFD), its size is linear in the
//   input's, and any input — however deeply nested — renders in time close to linear.
//   Callers still cap posts (20,000 characters) before they get here.
// - Safe to call from several threads at once.
std::string render_markdown(std::string_view source);

}  // namespace hearth
