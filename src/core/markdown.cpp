#include "core/markdown.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "core/html.hpp"

// cmark-gfm parses; Hearth renders. cmark's own HTML renderer would have to be corrected
// afterwards (rel on links, schemes it lets through such as data:image, external images,
// heading levels), and rewriting its HTML means parsing HTML again, where a missed case is
// an injection. Walking the syntax tree instead gives an allow-list by construction: each
// node kind we know writes literal markup through Html::m(), everything from the source
// (text, URLs, titles, alt text, code) goes through Html::t(), and node kinds we do not
// know, raw HTML among them, write no markup at all. The walk uses cmark's iterator, not
// recursion, so nesting depth cannot exhaust the stack.

namespace hearth {
namespace {

// Browsers show nested quotes and lists as ever-deeper indents; past this depth further
// levels are rendered flat, so no post can push its text off the side of the page.
constexpr int kMaxNesting = 10;
// See tables_are_bounded().
constexpr std::size_t kMaxTableCells = 20'000;

struct NodeFree {
  void operator()(cmark_node* node) const { cmark_node_free(node); }
};
struct ParserFree {
  void operator()(cmark_parser* parser) const { cmark_parser_free(parser); }
};
struct IterFree {
  void operator()(cmark_iter* iter) const { cmark_iter_free(iter); }
};
using NodePtr = std::unique_ptr<cmark_node, NodeFree>;
using ParserPtr = std::unique_ptr<cmark_parser, ParserFree>;
using IterPtr = std::unique_ptr<cmark_iter, IterFree>;

std::string_view view(const char* text) {
  return text ? std::string_view(text) : std::string_view();
}

bool is_line_end(std::string_view text, std::size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
}

// cmark-gfm 0.29.0.gfm.6 (Debian 12) pads every short table row with empty cells up to the
// header's width, so a wide header followed by many short lines makes columns × lines nodes:
// 20,000 characters could ask for millions. A table is as wide as its delimiter row, so
// bound that product before parsing and leave tables out of a post that could exceed it.
// Lines are counted as delimiter rows generously (container markers allowed) to stay an
// upper bound.
bool tables_are_bounded(std::string_view source) {
  constexpr std::string_view delimiter_row_chars = "|:- \t\v\f>*+.)0123456789";
  std::size_t lines = 1;
  std::size_t widest = 1;
  std::size_t pipes = 0;
  bool delimiter_like = true;
  for (std::size_t i = 0; i < source.size(); ++i) {
    if (is_line_end(source, i)) {
      if (delimiter_like) widest = std::max(widest, pipes + 1);
      ++lines;
      pipes = 0;
      delimiter_like = true;
    } else if (source[i] == '|') {
      ++pipes;
    } else if (delimiter_row_chars.find(source[i]) == std::string_view::npos) {
      delimiter_like = false;
    }
  }
  if (delimiter_like) widest = std::max(widest, pipes + 1);
  return widest <= kMaxTableCells / lines;
}

void attach_extension(cmark_parser* parser, const char* name) {
  cmark_syntax_extension* extension = cmark_find_syntax_extension(name);
  if (!extension || !cmark_parser_attach_syntax_extension(parser, extension)) {
    throw std::logic_error(std::string("cmark-gfm extension missing: ") + name);
  }
}

NodePtr parse(std::string_view source) {
  // Registration fills a process-wide list without a lock: do it exactly once.
  static const bool registered = [] {
    cmark_gfm_core_extensions_ensure_registered();
    return true;
  }();
  (void)registered;
  // cmark-gfm adds its extensions' special characters to a process-wide table while it
  // parses inlines and removes them afterwards, so two parses at once would race (and
  // lose strikethrough or autolinks at random). Parsing a post takes microseconds.
  static std::mutex parse_mutex;
  const bool tables = tables_are_bounded(source);
  std::lock_guard lock(parse_mutex);
  ParserPtr parser(cmark_parser_new(CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8));
  attach_extension(parser.get(), "autolink");
  attach_extension(parser.get(), "strikethrough");
  if (tables) attach_extension(parser.get(), "table");
  cmark_parser_feed(parser.get(), source.data(), source.size());
  return NodePtr(cmark_parser_finish(parser.get()));
}

// The URL a browser would act on: it ignores leading and trailing controls and spaces and
// drops tabs and newlines anywhere ("java\tscript:" is javascript:). Checking this form,
// and writing exactly it, means the scheme we check is the scheme the browser sees. Other
// controls and spaces are percent-encoded; cmark has already decoded entities and
// backslash escapes ("jav&#x61;script:" arrives here as "javascript:").
std::string browser_url(std::string_view raw) {
  auto is_blank = [](char c) { return static_cast<unsigned char>(c) <= 0x20; };
  while (!raw.empty() && is_blank(raw.front())) raw.remove_prefix(1);
  while (!raw.empty() && is_blank(raw.back())) raw.remove_suffix(1);
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string url;
  url.reserve(raw.size());
  for (char c : raw) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\t' || c == '\n' || c == '\r') continue;
    if (byte <= 0x20 || byte == 0x7f) {
      url += '%';
      url += hex[byte >> 4];
      url += hex[byte & 0xf];
    } else {
      url += c;
    }
  }
  return url;
}

// An allow-list: a URL with no scheme (relative, same site, or "//host") or one of the
// schemes a member needs. Anything that merely looks like a scheme is refused.
bool is_safe_link(std::string_view url) {
  const std::size_t colon = url.find(':');
  if (colon == std::string_view::npos) return true;
  const std::size_t path = url.find_first_of("/?#");
  if (path < colon) return true;  // the colon is inside a relative path, query or fragment
  std::string scheme(url.substr(0, colon));
  std::transform(scheme.begin(), scheme.end(), scheme.begin(),
                 [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c); });
  return scheme == "http" || scheme == "https" || scheme == "mailto";
}

// Images load without a click, so only Hearth's own are shown: a path on this site.
// "//host" and "/\host" (browsers read the backslash as a slash) name another site.
bool is_local_image(std::string_view url) {
  return url.size() >= 2 && url[0] == '/' && url[1] != '/' && url[1] != '\\';
}

// A code block's language as a CSS class: the info string's first word, if it is a plain
// name ("c++", "objective-c", "c#").
std::string_view code_language(std::string_view info) {
  const std::string_view word = info.substr(0, info.find_first_of(" \t"));
  const bool plain = word.size() <= 32 && std::all_of(word.begin(), word.end(), [](char c) {
                       return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                              c == '_' || c == '+' || c == '#' || c == '.';
                     });
  return plain ? word : std::string_view();
}

// The text of an image's description, which becomes its alt text (markup and raw HTML
// inside it are left out).
std::string plain_text(cmark_node* node) {
  std::string text;
  IterPtr iter(cmark_iter_new(node));
  for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
    if (event != CMARK_EVENT_ENTER) continue;
    cmark_node* child = cmark_iter_get_node(iter.get());
    switch (cmark_node_get_type(child)) {
      case CMARK_NODE_TEXT:
      case CMARK_NODE_CODE:
        text += view(cmark_node_get_literal(child));
        break;
      case CMARK_NODE_SOFTBREAK:
      case CMARK_NODE_LINEBREAK:
        text += ' ';
        break;
      default:
        break;
    }
  }
  return text;
}

class Renderer {
 public:
  // url_budget: see affordable_url().
  explicit Renderer(std::size_t url_budget) : url_budget_(url_budget) {}

  std::string render(cmark_node* document) {
    IterPtr iter(cmark_iter_new(document));
    for (auto event = cmark_iter_next(iter.get()); event != CMARK_EVENT_DONE; event = cmark_iter_next(iter.get())) {
      cmark_node* node = cmark_iter_get_node(iter.get());
      if (event == CMARK_EVENT_EXIT) {
        exit(node);
      } else if (!enter(node)) {
        cmark_iter_reset(iter.get(), node, CMARK_EVENT_EXIT);  // its children are written already
      }
    }
    return out_.take();
  }

 private:
  // Returns false when the node has written its children itself. Leaf nodes (text, code,
  // breaks, raw HTML) get no exit event.
  bool enter(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_BLOCK_QUOTE:
        if (depth_++ < kMaxNesting) out_.m("<blockquote>\n");
        return true;
      case CMARK_NODE_LIST:
        enter_list(node);
        return true;
      case CMARK_NODE_ITEM:
        if (depth_ <= kMaxNesting) out_.m("<li>");
        return true;
      case CMARK_NODE_PARAGRAPH:
        if (!in_tight_item(node)) out_.m("<p>");
        return true;
      case CMARK_NODE_HEADING:
        heading_tag(node, false);
        return true;
      case CMARK_NODE_CODE_BLOCK:
        code_block(node);
        return true;
      case CMARK_NODE_THEMATIC_BREAK:
        out_.m("<hr>\n");
        return true;
      case CMARK_NODE_TEXT:
        out_.t(view(cmark_node_get_literal(node)));
        return true;
      case CMARK_NODE_SOFTBREAK:
        out_.m("\n");
        return true;
      case CMARK_NODE_LINEBREAK:
        out_.m("<br>\n");
        return true;
      case CMARK_NODE_CODE:
        out_.m("<code>").t(view(cmark_node_get_literal(node))).m("</code>");
        return true;
      case CMARK_NODE_EMPH:
        out_.m("<em>");
        return true;
      case CMARK_NODE_STRONG:
        out_.m("<strong>");
        return true;
      case CMARK_NODE_LINK:
        enter_link(node);
        return true;
      case CMARK_NODE_IMAGE:
        image(node);
        return false;
      default:
        extension_tag(node, false);
        return true;  // raw HTML and unknown kinds: nothing
    }
  }

  void exit(cmark_node* node) {
    switch (cmark_node_get_type(node)) {
      case CMARK_NODE_BLOCK_QUOTE:
        if (--depth_ < kMaxNesting) out_.m("</blockquote>\n");
        break;
      case CMARK_NODE_LIST:
        if (--depth_ < kMaxNesting) {
          if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST) {
            out_.m("</ol>\n");
          } else {
            out_.m("</ul>\n");
          }
        }
        break;
      case CMARK_NODE_ITEM:
        if (depth_ <= kMaxNesting) out_.m("</li>\n");
        break;
      case CMARK_NODE_PARAGRAPH:
        if (!in_tight_item(node)) out_.m("</p>\n");
        break;
      case CMARK_NODE_HEADING:
        heading_tag(node, true);
        break;
      case CMARK_NODE_EMPH:
        out_.m("</em>");
        break;
      case CMARK_NODE_STRONG:
        out_.m("</strong>");
        break;
      case CMARK_NODE_LINK:
        if (links_.back()) out_.m("</a>");
        links_.pop_back();
        break;
      default:
        extension_tag(node, true);
        break;
    }
  }

  void enter_list(cmark_node* node) {
    if (depth_++ >= kMaxNesting) return;
    if (cmark_node_get_list_type(node) != CMARK_ORDERED_LIST) {
      out_.m("<ul>\n");
      return;
    }
    const int start = cmark_node_get_list_start(node);
    if (start == 1) {
      out_.m("<ol>\n");
    } else {
      out_.m("<ol start=\"").num(start).m("\">\n");
    }
  }

  // Tight lists show their items' paragraphs without <p>, as cmark does, unless the list
  // itself was flattened for depth.
  bool in_tight_item(cmark_node* paragraph) const {
    cmark_node* item = cmark_node_parent(paragraph);
    if (!item || cmark_node_get_type(item) != CMARK_NODE_ITEM) return false;
    cmark_node* list = cmark_node_parent(item);
    return list && cmark_node_get_list_tight(list) && depth_ <= kMaxNesting;
  }

  // A post's headings sit below the page's <h1> and the post's own <h2>.
  void heading_tag(cmark_node* node, bool closing) {
    switch (cmark_node_get_heading_level(node)) {
      case 1:
        closing ? out_.m("</h3>\n") : out_.m("<h3>");
        break;
      case 2:
        closing ? out_.m("</h4>\n") : out_.m("<h4>");
        break;
      case 3:
        closing ? out_.m("</h5>\n") : out_.m("<h5>");
        break;
      default:
        closing ? out_.m("</h6>\n") : out_.m("<h6>");
        break;
    }
  }

  void code_block(cmark_node* node) {
    const std::string_view language = code_language(view(cmark_node_get_fence_info(node)));
    out_.m("<pre><code");
    if (!language.empty()) out_.m(" class=\"language-").t(language).m("\"");
    out_.m(">").t(view(cmark_node_get_literal(node))).m("</code></pre>\n");
  }

  // Reference links repeat their definition's URL and title at every use, so 20,000
  // characters could expand to megabytes (cmark-gfm 0.29.0.gfm.6 sets no limit). Links and
  // images together may spend twice the source's size (autolinks add "http://") plus a
  // margin; past that they render as their text.
  // The URL to write for a link or image, or nothing once the budget is spent. The budget
  // is checked before the URL is even copied, which bounds the work as well as the output.
  std::optional<std::string> affordable_url(cmark_node* node, std::string_view title) {
    const std::string_view raw = view(cmark_node_get_url(node));
    if (raw.size() + title.size() > url_budget_) return std::nullopt;
    std::string url = browser_url(raw);
    if (url.size() + title.size() > url_budget_) return std::nullopt;
    url_budget_ -= url.size() + title.size();
    return url;
  }

  bool in_anchor() const { return std::find(links_.begin(), links_.end(), true) != links_.end(); }

  void open_anchor(std::string_view url, std::string_view title) {
    out_.m("<a href=\"").t(url).m("\"");
    if (!title.empty()) out_.m(" title=\"").t(title).m("\"");
    out_.m(" rel=\"nofollow ugc noopener\">");
  }

  // A link whose URL is not allowed keeps its text and loses the link. Links cannot nest
  // in HTML, so one inside another (only possible by mistake) loses its link too.
  void enter_link(cmark_node* node) {
    const std::string_view title = view(cmark_node_get_title(node));
    const std::optional<std::string> url = affordable_url(node, title);
    const bool linked = url && !in_anchor() && is_safe_link(*url);
    links_.push_back(linked);
    if (linked) open_anchor(*url, title);
  }

  // Hearth's own images are shown; any other becomes a link to it labelled with its alt
  // text (plain text inside a link, which cannot hold another).
  void image(cmark_node* node) {
    const std::string_view title = view(cmark_node_get_title(node));
    const std::optional<std::string> url = affordable_url(node, title);
    const std::string alt = plain_text(node);
    if (url && is_local_image(*url)) {
      out_.m("<img src=\"").t(*url).m("\" alt=\"").t(alt).m("\"");
      if (!title.empty()) out_.m(" title=\"").t(title).m("\"");
      out_.m(" loading=\"lazy\">");
    } else if (url && !in_anchor() && is_safe_link(*url)) {
      open_anchor(*url, title);
      out_.t(alt.empty() ? std::string_view(*url) : std::string_view(alt)).m("</a>");
    } else {
      out_.t(alt);
    }
  }

  // GFM's extension nodes, known by name. Any other kind writes no markup of its own.
  void extension_tag(cmark_node* node, bool closing) {
    const std::string_view kind = view(cmark_node_get_type_string(node));
    if (kind == "strikethrough") {
      closing ? out_.m("</del>") : out_.m("<del>");
    } else if (kind == "table") {
      table(node, closing);
    } else if (kind == "table_row" || kind == "table_header") {
      table_row(node, closing);
    } else if (kind == "table_cell") {
      table_cell(closing);
    }
  }

  void table(cmark_node* node, bool closing) {
    if (!closing) {
      columns_ = cmark_gfm_extensions_get_table_columns(node);
      alignments_ = cmark_gfm_extensions_get_table_alignments(node);
      out_.m("<table>\n");
      return;
    }
    if (in_table_body_) out_.m("</tbody>\n");
    out_.m("</table>\n");
    in_table_body_ = false;
    alignments_ = nullptr;
    columns_ = 0;
  }

  void table_row(cmark_node* node, bool closing) {
    header_row_ = cmark_gfm_extensions_get_table_row_is_header(node) != 0;
    if (closing) {
      header_row_ ? out_.m("</tr>\n</thead>\n") : out_.m("</tr>\n");
      return;
    }
    if (header_row_) {
      out_.m("<thead>\n");
    } else if (!in_table_body_) {
      out_.m("<tbody>\n");
      in_table_body_ = true;
    }
    out_.m("<tr>\n");
    cell_ = 0;
  }

  // Alignment as the align attribute: the CSP forbids style attributes.
  void table_cell(bool closing) {
    if (closing) {
      header_row_ ? out_.m("</th>\n") : out_.m("</td>\n");
      ++cell_;
      return;
    }
    header_row_ ? out_.m("<th") : out_.m("<td");
    const char align = alignments_ && cell_ < columns_ ? static_cast<char>(alignments_[cell_]) : '\0';
    if (align == 'l') out_.m(" align=\"left\"");
    if (align == 'c') out_.m(" align=\"center\"");
    if (align == 'r') out_.m(" align=\"right\"");
    out_.m(">");
  }

  Html out_;
  int depth_ = 0;            // block quotes and lists open around the current node
  std::vector<bool> links_;  // per open link: whether it wrote an <a>
  std::size_t url_budget_;
  const uint8_t* alignments_ = nullptr;
  std::size_t columns_ = 0;
  std::size_t cell_ = 0;
  bool header_row_ = false;
  bool in_table_body_ = false;
};

}  // namespace

std::string render_markdown(std::string_view source) {
  const NodePtr document = parse(source);
  if (!document) throw std::runtime_error("cmark-gfm returned no document");
  return Renderer(2 * source.size() + 16 * 1024).render(document.get());
}

}  // namespace hearth
