#pragma once
// The HTTP vocabulary shared by the server (http/) and the handlers (web/, api/).
// It lives in core/ so that web/ and api/ can describe their routes without knowing the
// server, and the server can run them without knowing any domain object. No Beast here.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth {

enum class Method { get, head, post, put, patch, delete_, options, other };
const char* method_name(Method method);
Method parse_method(std::string_view name);

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  Method method = Method::get;
  std::string target;  // as sent: path plus query
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  HeaderList headers;  // names as sent; look-ups are case-insensitive
  std::string body;
  // Filled by the server: an opaque key for the client connection (a keyed hash of the
  // address, never the address itself) used only for rate limiting.
  std::string client_key;
  bool secure = false;  // served over HTTPS (directly or per a trusted proxy header)
  // Filled by the router: values of {name} segments of the matched route pattern.
  std::vector<std::pair<std::string, std::string>> params;

  std::optional<std::string_view> header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
  std::optional<std::string> query_value(std::string_view name) const;
};

// The rest of a body that is sent as things happen: Server-Sent Events (core/event_stream).
// The server sends the response head and `Response::body`, then calls start() once and,
// each time the stream is woken, next() on a worker thread (it may read the database),
// sending what it returns; it keeps the connection alive with a comment line every ~25
// seconds, and closes it when the client leaves, when next() says so, or at shutdown.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // Called once, before the first next(). `wake` may be called from any thread, any number
  // of times, also after the stream has ended; wakes that come before next() runs count
  // as one. The server calls next() once right after start() whether woken or not, so
  // nothing that happened between the handler and start() is missed.
  virtual void start(std::function<void()> wake) = 0;
  // More of the body ("" for nothing now), or nullopt to end the response.
  virtual std::optional<std::string> next() = 0;
  // The least time between two calls of next(): wakes that come sooner are answered
  // together, so a busy source costs a bounded number of reads per stream.
  virtual std::chrono::milliseconds pace() const { return std::chrono::milliseconds(0); }
};

struct Response {
  int status = 200;
  std::string content_type = "text/html; charset=utf-8";
  HeaderList headers;  // extra headers, e.g. Set-Cookie, Location, Cache-Control
  std::string body;
  // Set by the static-asset handler for bodies that are already gzip-compressed.
  bool body_is_gzip = false;
  // `body` gzip-compressed ahead of time (a kept page): sent as is to a client that
  // accepts gzip instead of compressing the body again for every request.
  std::shared_ptr<const std::string> gzip_copy;
  // Set for a streamed response (see BodyStream): sent without Content-Length or gzip, the
  // connection closing after it. `body` is its beginning.
  std::shared_ptr<BodyStream> stream;

  void set_header(std::string name, std::string value);
  std::optional<std::string_view> header(std::string_view name) const;
};

Response redirect_see_other(std::string location);  // 303 after a successful form POST

struct CookieOptions {
  bool http_only = true;
  bool secure = false;
  std::string same_site = "Lax";
  std::optional<int64_t> max_age_seconds;  // none: a session cookie; 0: delete
};
std::string format_set_cookie(std::string_view name, std::string_view value,
                              const CookieOptions& options);

// application/x-www-form-urlencoded and query strings.
std::vector<std::pair<std::string, std::string>> parse_form(std::string_view body);
std::string percent_encode(std::string_view text);
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

// A route as web/ and api/ describe it. Pattern segments in braces are parameters:
// "/groups/{slug}/threads/{id}".
using Handler = std::function<Response(Request&)>;
struct Route {
  Method method;
  std::string pattern;
  Handler handler;
  std::string name;  // label for metrics and logs, e.g. "web.home"
  // Handlers that may block on the database run on the worker pool; pure, fast ones
  // (static assets, health) run inline on the network thread.
  bool runs_inline = false;
  // Tried on the network thread before `handler` is queued for the pool: an answer that
  // needs no database (a kept copy of a page), or nothing to go on to the handler. It
  // must be fast and must never block.
  std::function<std::optional<Response>(const Request&)> quick_answer;
};

}  // namespace hearth
