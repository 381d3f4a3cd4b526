// The only translation unit that includes Beast and Asio (see DESIGN.md: each costs about
// 20 s to compile). Everything that can be tested without sockets lives in the Beast-free
// files beside it: router, middleware, compression, request_target, client_key,
// builtin_routes.
//
// Costs per request matter here (bench/README.md): every network thread runs its own
// io_context, so a connection's handlers never need a strand or a lock shared with another
// thread; executors are concrete types, not any_io_executor; a connection has one
// watchdog timer that is re-armed only when a deadline moves earlier, rather than a timer
// started and cancelled around every read and write; and the response head is written
// into a per-connection buffer and sent with the body in one gather write.
#include "http/server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <charconv>
#include <csignal>
#include <cstring>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <unordered_set>

#include "core/text.hpp"
#include "core/ascii.hpp"
#include "http/builtin_routes.hpp"
#include "http/client_key.hpp"
#include "http/middleware.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"
#include "http/worker_pool.hpp"

namespace hearth {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// Concrete executor types: any_io_executor's type erasure costs a few thousand
// instructions per request in copies and queries.
using Executor = asio::io_context::executor_type;
template <class T>
using Task = asio::awaitable<T, Executor>;
using Socket = asio::basic_stream_socket<tcp, Executor>;
using Acceptor = asio::basic_socket_acceptor<tcp, Executor>;
using Timer = asio::basic_waitable_timer<Clock, asio::wait_traits<Clock>, Executor>;
using SignalSet = asio::basic_signal_set<Executor>;

constexpr asio::use_awaitable_t<Executor> use_task;
// Completion token that reports errors as values: a closed connection is not exceptional.
constexpr auto nothrow = asio::as_tuple(use_task);

constexpr std::string_view generic_failure = "Something went wrong on our side. Please try again in a moment.";

// A streamed response (Server-Sent Events) in progress. Its wakes come from any thread;
// everything else happens on the connection's own network thread.
struct LiveState : std::enable_shared_from_this<LiveState> {
  explicit LiveState(Executor executor) : timer(executor) {}
  // What the stream waits on between sends: the next heartbeat, or the end of its pace.
  // Cancelled by a wake and by end().
  Timer timer;
  std::atomic<bool> wake_posted{false};  // a wake is on its way to the network thread
  bool woken = true;                     // next() is due (the first one runs at once)
  bool ended = false;                    // the client left, or the server is stopping
  char sink[16];                         // what a client sends on an event stream is ignored

  // Any thread: many wakes before the stream gets to them cost one post.
  void wake() {
    if (wake_posted.exchange(true, std::memory_order_acq_rel)) return;
    asio::post(timer.get_executor(), [self = shared_from_this()] {
      self->woken = true;
      self->timer.cancel();
    });
  }
  void end() {
    ended = true;
    timer.cancel();
  }
};

// One client connection. The session coroutine owns it; the server keeps a reference
// only to close it when shutting down. Everything here is touched only on the
// connection's own network thread.
struct Connection {
  explicit Connection(Socket s) : socket(std::move(s)), watchdog(socket.get_executor()) {}
  Socket socket;
  // Closes the socket once `deadline` passes. Moving the deadline later costs nothing:
  // the timer stays armed at `armed` and, when it fires early, re-arms itself.
  Timer watchdog;
  Clock::time_point deadline = Clock::time_point::max();  // max: no I/O is waiting
  Clock::time_point armed = Clock::time_point::max();     // max: the timer is not waiting
  // Waiting for a request to start.
  bool idle = true;
  // The response head, reused from one response to the next.
  std::string head;
  // A streamed response whose head has been sent, until stream_body() takes it.
  std::shared_ptr<BodyStream> stream;
  // While a streamed response is being sent: for shutdown to end it.
  std::shared_ptr<LiveState> live;
};

void arm_watchdog(const std::shared_ptr<Connection>& connection);

void on_watchdog(const std::shared_ptr<Connection>& connection, const error_code& ec) {
  if (ec == asio::error::operation_aborted) return;  // re-armed or stopped; a newer wait decides
  connection->armed = Clock::time_point::max();
  if (connection->deadline == Clock::time_point::max()) return;  // nothing to time out now
  if (Clock::now() < connection->deadline) return arm_watchdog(connection);
  // As beast::tcp_stream did: closing makes the pending operation fail, and any later one.
  error_code ignored;
  connection->socket.close(ignored);
}

void arm_watchdog(const std::shared_ptr<Connection>& connection) {
  connection->armed = connection->deadline;
  connection->watchdog.expires_at(connection->armed);  // cancels a pending wait
  connection->watchdog.async_wait([connection](const error_code& ec) { on_watchdog(connection, ec); });
}

// The I/O that follows must finish within `timeout` from now.
void set_deadline(const std::shared_ptr<Connection>& connection, Clock::duration timeout) {
  connection->deadline = Clock::now() + timeout;
  if (connection->deadline < connection->armed) arm_watchdog(connection);
}

// No I/O is waiting (a handler is running): nothing to time out.
void clear_deadline(Connection& connection) {
  connection.deadline = Clock::time_point::max();
}

enum class After { keep_alive, close, drain_and_close, stream };

// Status and message for a request that could not be read, or 0 to just hang up
// (the client left, timed out or the server is shutting down).
std::pair<int, std::string_view> read_failure(const error_code& ec) {
  if (ec == http::error::body_limit) {
    return {413, "That is more than we can accept in one request. Please send something smaller."};
  }
  if (ec == http::error::header_limit) {
    return {431, "The request headers are too large. Clearing this site's cookies may help."};
  }
  if (ec.category() == http::make_error_code(http::error::bad_target).category() && ec != http::error::end_of_stream &&
      ec != http::error::partial_message) {
    return {400, "The request could not be understood."};
  }
  return {0, {}};
}

bool is_framing_header(std::string_view name) {
  return ascii::iequals(name, "Content-Length") || ascii::iequals(name, "Transfer-Encoding") ||
         ascii::iequals(name, "Connection") || ascii::iequals(name, "Keep-Alive");
}

bool has_line_break(std::string_view text) {
  // Not find_first_of("\r\n"): libstdc++ implements that with one memchr per character.
  return std::memchr(text.data(), '\r', text.size()) != nullptr ||
         std::memchr(text.data(), '\n', text.size()) != nullptr;
}

// Leading and trailing spaces and tabs removed, as Beast does with field values.
std::string_view trim_ows(std::string_view value) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  return value;
}

void append_field(std::string& out, std::string_view name, std::string_view value) {
  // Beast's limits for one field, kept so that the same responses are refused.
  constexpr std::size_t max_field_part = std::numeric_limits<std::uint16_t>::max();
  if (name.size() + 2 > max_field_part) throw std::length_error("field name too large");
  if (value.size() + 2 > max_field_part) throw std::length_error("field value too large");
  value = trim_ows(value);
  out.append(name);
  out.append(": ");
  out.append(value);
  out.append("\r\n");
}

// A response on its way out: the security headers finish_response would have added to
// response.headers are written from constants instead (see finish_response_deferred).
struct Reply {
  Response response;
  DeferredHeaders deferred;
};

// The status line and header fields of a reply, byte for byte what Beast's serializer
// wrote for the http::response<string_body> this server used to build: Content-Type,
// the headers in order (minus framing headers and any with a line break), Connection
// when needed, Content-Length.
// A streamed reply has no Content-Length: its body ends when the connection closes.
void serialize_head(std::string& out, unsigned version, const Reply& reply, bool keep_alive) {
  const Response& response = reply.response;
  if (response.status < 0 || response.status > 999) throw std::invalid_argument("invalid status-code");
  const auto code = static_cast<unsigned>(response.status);
  // A response to which HTTP forbids a body must not have one (what Beast enforced).
  if ((code / 100 == 1 || code == 204 || code == 304) && !response.body.empty()) {
    throw std::invalid_argument("invalid response body");
  }
  out.clear();
  out.append(version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ");
  out.push_back(static_cast<char>('0' + code / 100));
  out.push_back(static_cast<char>('0' + (code / 10) % 10));
  out.push_back(static_cast<char>('0' + code % 10));
  out.push_back(' ');
  const auto reason = http::obsolete_reason(static_cast<http::status>(code));
  out.append(reason.data(), reason.size());
  out.append("\r\n");
  if (!response.content_type.empty()) append_field(out, "Content-Type", response.content_type);
  for (std::size_t i = 0; i < response.headers.size(); ++i) {
    if (i == reply.deferred.position) append_deferred_headers(out, reply.deferred);
    const auto& [name, value] = response.headers[i];
    // The server owns framing; a line break in a header would split the response.
    if (is_framing_header(name) || has_line_break(name) || has_line_break(value) || name.empty()) continue;
    append_field(out, name, value);
  }
  if (reply.deferred.position >= response.headers.size()) append_deferred_headers(out, reply.deferred);
  if (version == 10) {
    if (keep_alive) out.append("Connection: keep-alive\r\n");
  } else if (!keep_alive) {
    out.append("Connection: close\r\n");
  }
  if (response.stream) {
    out.append("\r\n");
    return;
  }
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, response.body.size()).ptr;
  out.append("Content-Length: ");
  out.append(digits, end);
  out.append("\r\n\r\n");
}

int network_thread_count(const ServerOptions& options) {
  if (options.network_threads > 0) return options.network_threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string peer_address(const Socket& socket) {
  error_code ec;
  auto address = socket.remote_endpoint(ec).address();
  if (ec) return {};
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return asio::ip::make_address_v4(asio::ip::v4_mapped, address.to_v6()).to_string();
  }
  return address.to_string();
}

}  // namespace

class Server::Impl {
 public:
  Impl(ServerOptions options, std::vector<Route> routes, Handler not_found, ErrorRenderer render_error,
       std::function<bool()> health_probe);
  ~Impl();

  Result<uint16_t> start();
  void run();
  void stop() {
    asio::post(control_, [this] { begin_shutdown(); });
  }

 private:
  Task<void> accept_loop();
  Task<void> serve(std::shared_ptr<Connection> connection);
  Task<After> serve_request(const std::shared_ptr<Connection>& connection, beast::flat_buffer& buffer,
                            const std::string& peer_key);
  Task<Reply> dispatch(Request& request, std::string_view& route_name);
  Task<Reply> run_on_pool(const Handler& handler, Request& request, std::string_view route_name);
  Task<bool> write(const std::shared_ptr<Connection>& connection, const Request& request, unsigned version,
                   const Reply& reply, bool keep_alive);
  Task<void> stream_body(const std::shared_ptr<Connection>& connection);
  Task<std::optional<std::string>> next_on_pool(BodyStream& body);
  Task<bool> write_more(const std::shared_ptr<Connection>& connection, const std::string& data);
  Reply run_handler(const Handler& handler, Request& request, std::string_view route_name);
  std::optional<Reply> quick_answer(const Route& route, Request& request);
  Response error_response(const Request& request, int status, std::string_view message);
  Request make_request(http::request<http::string_body>& message, const std::string& peer_key);
  void begin_shutdown();
  void finish_if_drained();

  // Registers a connection for shutdown and removes it when the session ends, however
  // it ends (including its frame being destroyed by a forced stop).
  class Registration {
   public:
    Registration(Impl& impl, std::shared_ptr<Connection> connection);
    ~Registration();
    Registration(const Registration&) = delete;
    Registration& operator=(const Registration&) = delete;

   private:
    Impl& impl_;
    std::shared_ptr<Connection> connection_;
  };

  ServerOptions options_;
  Router router_;
  Handler not_found_;
  ErrorRenderer render_error_;
  ClientKeyer keyer_;
  std::atomic<bool> stopping_{false};
  bool shutdown_begun_ = false;  // on control_ only
  // Declared before the io_contexts: sessions destroyed with them still deregister here.
  std::mutex connections_mutex_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;

  // One io_context per network thread, each run by that thread alone. Connections are
  // dealt out in turn; a connection stays on its context for its whole life.
  std::vector<std::unique_ptr<asio::io_context>> contexts_;
  // Keeps the contexts other than the first running while they have no connection; released
  // once shutdown has drained every connection.
  std::vector<asio::executor_work_guard<Executor>> keep_running_;
  std::size_t next_context_ = 0;  // on control_ only
  // The acceptor, the signal set and the shutdown steps live on the first context; being
  // single-threaded, it serialises them without a strand.
  Executor control_;
  Acceptor acceptor_;
  SignalSet signals_;
  Timer grace_timer_;
  // Declared last, so it is joined first: its handlers finish before the io_contexts go.
  WorkerPool pool_;
};

Server::Impl::Impl(ServerOptions options, std::vector<Route> routes, Handler not_found, ErrorRenderer render_error,
                   std::function<bool()> health_probe)
    : options_(std::move(options)),
      not_found_(std::move(not_found)),
      render_error_(std::move(render_error)),
      keyer_(options_.client_key_secret),
      contexts_([n = network_thread_count(options_)] {
        std::vector<std::unique_ptr<asio::io_context>> contexts;
        for (int i = 0; i < n; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
        return contexts;
      }()),
      control_(contexts_.front()->get_executor()),
      acceptor_(control_),
      signals_(control_),
      grace_timer_(control_),
      pool_(static_cast<std::size_t>(std::max(1, options_.worker_threads))) {
  for (std::size_t i = 1; i < contexts_.size(); ++i) keep_running_.push_back(asio::make_work_guard(*contexts_[i]));
  describe_http_metrics();
  // Built-ins first: on an exact tie the earlier route wins, so nothing can shadow them.
  for (Route& route : builtin_routes(std::move(health_probe))) router_.add(std::move(route));
  for (Route& route : routes) router_.add(std::move(route));
}

Server::Impl::~Impl() {
  for (auto& context : contexts_) context->stop();
  pool_.join();
  for (auto& guard : keep_running_) guard.reset();
  // The first context goes last, with the members bound to it: sessions destroyed with
  // the other contexts may still ask whether it is stopped.
  while (contexts_.size() > 1) contexts_.pop_back();
}

Result<uint16_t> Server::Impl::start() {
  auto fail = [&](const error_code& ec) -> Result<uint16_t> {
    return make_error(ErrorCode::unavailable, "Could not listen on " + options_.host + ":" +
                                                  std::to_string(options_.port) + ": " + ec.message());
  };
  error_code ec;
  tcp::resolver resolver(*contexts_.front());
  auto endpoints = resolver.resolve(options_.host, std::to_string(options_.port),
                                    tcp::resolver::passive | tcp::resolver::numeric_service, ec);
  if (ec) return fail(ec);
  if (endpoints.empty()) return fail(asio::error::host_not_found);
  tcp::endpoint endpoint = endpoints.begin()->endpoint();
  if (acceptor_.open(endpoint.protocol(), ec)) return fail(ec);
  if (acceptor_.set_option(asio::socket_base::reuse_address(true), ec)) return fail(ec);
  if (acceptor_.bind(endpoint, ec)) return fail(ec);
  if (acceptor_.listen(asio::socket_base::max_listen_connections, ec)) return fail(ec);
  return acceptor_.local_endpoint().port();
}

void Server::Impl::run() {
  signals_.add(SIGINT);
  signals_.add(SIGTERM);
  signals_.async_wait([this](const error_code& ec, int) {
    if (!ec) begin_shutdown();
  });
  asio::co_spawn(control_, accept_loop(), [](std::exception_ptr e) {
    if (e) spdlog::critical("http: the accept loop failed; no new connections are taken");
  });
  std::vector<std::thread> threads;
  for (std::size_t i = 1; i < contexts_.size(); ++i) threads.emplace_back([this, i] { contexts_[i]->run(); });
  contexts_.front()->run();
  for (auto& thread : threads) thread.join();
}

Task<void> Server::Impl::accept_loop() {
  while (!stopping_) {
    Executor executor = contexts_[next_context_]->get_executor();
    next_context_ = (next_context_ + 1) % contexts_.size();
    auto [ec, socket] = co_await acceptor_.async_accept(executor, nothrow);
    if (stopping_) break;
    if (ec) {
      // Typically out of file descriptors: pause rather than spin.
      spdlog::warn("http: accept failed: {}", ec.message());
      Timer pause(control_, std::chrono::milliseconds(100));
      co_await pause.async_wait(nothrow);
      continue;
    }
    // Responses go out in one write each; Nagle's algorithm would only delay the tail of
    // a large one until the client's delayed acknowledgement.
    error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);
    auto connection = std::make_shared<Connection>(std::move(socket));
    asio::co_spawn(connection->socket.get_executor(), serve(connection), [](std::exception_ptr e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& error) {
        spdlog::error("http: connection failed: {}", error.what());
      }
    });
  }
}

Server::Impl::Registration::Registration(Impl& impl, std::shared_ptr<Connection> connection)
    : impl_(impl), connection_(std::move(connection)) {
  std::lock_guard lock(impl_.connections_mutex_);
  impl_.connections_.insert(connection_);
}

Server::Impl::Registration::~Registration() {
  // However the session ended, its watchdog must not keep the io_context running.
  clear_deadline(*connection_);
  connection_->watchdog.cancel();
  bool drained = false;
  {
    std::lock_guard lock(impl_.connections_mutex_);
    impl_.connections_.erase(connection_);
    drained = impl_.stopping_ && impl_.connections_.empty();
  }
  if (drained && !impl_.contexts_.front()->stopped()) {
    asio::post(impl_.control_, [&impl = impl_] { impl.finish_if_drained(); });
  }
}

Task<void> Server::Impl::serve(std::shared_ptr<Connection> connection) {
  Registration registration(*this, connection);
  Socket& socket = connection->socket;
  // Computed once: the address of a connection does not change.
  const std::string peer_key = keyer_.key_for(peer_address(socket));
  beast::flat_buffer buffer;
  After after = After::keep_alive;
  while (after == After::keep_alive) {
    connection->idle = true;
    // Checked right before waiting, on the connection's thread, so stop() either sees
    // this connection idle and cancels the wait, or this check sees stopping_.
    if (stopping_) break;
    if (buffer.size() == 0) {
      set_deadline(connection, options_.idle_timeout);
      auto [ec, n] = co_await socket.async_read_some(buffer.prepare(4096), nothrow);
      if (ec) break;
      buffer.commit(n);
    }
    connection->idle = false;
    after = co_await serve_request(connection, buffer, peer_key);
  }
  if (after == After::stream) {
    // Nothing more is read from this connection: its read buffer is let go while the
    // stream stays open, which may be for hours (DESIGN.md's budget for idle streams).
    buffer.clear();
    buffer.shrink_to_fit();
    co_await stream_body(connection);
  }

  error_code ignored;
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  if (after == After::drain_and_close) {
    // Read what the client is still sending (e.g. an oversized body) for a moment, so
    // closing does not reset the connection before it has read our error response.
    set_deadline(connection, std::chrono::seconds(1));
    char sink[4096];
    for (std::size_t total = 0; total < (1u << 20);) {
      auto [ec, n] = co_await socket.async_read_some(asio::buffer(sink), nothrow);
      if (ec) break;
      total += n;
    }
  }
  clear_deadline(*connection);
  socket.close(ignored);
}

Task<After> Server::Impl::serve_request(const std::shared_ptr<Connection>& connection, beast::flat_buffer& buffer,
                                        const std::string& peer_key) {
  Socket& socket = connection->socket;
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
  parser.body_limit(options_.body_limit);
  // One deadline for the whole request: a client trickling bytes cannot hold it open.
  set_deadline(connection, options_.read_timeout);
  auto [ec, n] = co_await http::async_read_header(socket, buffer, parser, nothrow);
  if (!ec && parser.get().version() >= 11 && ascii::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> proceed{http::status::continue_, 11};
    std::tie(ec, n) = co_await http::async_write(socket, proceed, nothrow);
  }
  if (!ec && !parser.is_done()) {
    std::tie(ec, n) = co_await http::async_read(socket, buffer, parser, nothrow);
  }
  // The handler may take its time: only I/O has deadlines.
  clear_deadline(*connection);
  Clock::time_point started = Clock::now();

  if (ec) {
    auto [status, message] = read_failure(ec);
    if (status == 0) co_return After::close;
    // What was parsed still helps the error renderer choose, e.g., JSON for /api/.
    Request partial = make_request(parser.get(), peer_key);
    (void)parse_request_target(partial.target, partial);
    Reply reply{error_response(partial, status, message), {}};
    record_request_metrics("invalid_request", status, std::chrono::duration<double>(Clock::now() - started).count());
    co_await write(connection, partial, parser.get().version(), reply, false);
    co_return After::drain_and_close;
  }

  Request request = make_request(parser.get(), peer_key);
  std::string_view route_name = "invalid_request";
  Reply reply;
  if (parse_request_target(request.target, request)) {
    reply = co_await dispatch(request, route_name);
  } else {
    reply.response = error_response(request, 400, "That address is not valid.");
  }
  const int status = reply.response.status;
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  record_request_metrics(route_name, status, seconds);
  spdlog::debug("{} {} {} {:.2f} ms", method_name(request.method), route_name, status, seconds * 1000);

  // A stream is answered to GET only (HEAD gets its head), and ends the connection.
  if (reply.response.stream && (request.method != Method::get || status != 200)) reply.response.stream.reset();
  const bool streamed = reply.response.stream != nullptr;
  bool keep_alive = parser.get().keep_alive() && !stopping_ && !streamed;
  if (!co_await write(connection, request, parser.get().version(), reply, keep_alive)) {
    co_return After::close;
  }
  if (streamed) {
    connection->stream = std::move(reply.response.stream);
    co_return After::stream;
  }
  co_return keep_alive ? After::keep_alive : After::close;
}

Request Server::Impl::make_request(http::request<http::string_body>& message, const std::string& peer_key) {
  Request request;
  request.method = parse_method(message.method_string());
  request.target = std::string(message.target());
  request.headers.reserve(16);
  for (const auto& field : message) request.headers.emplace_back(field.name_string(), field.value());
  request.body = std::move(message.body());
  request.client_key = peer_key;
  if (options_.trust_proxy) {
    if (auto forwarded = request.header("X-Forwarded-For")) {
      std::string_view address = first_forwarded_for(*forwarded);
      if (!address.empty()) request.client_key = keyer_.key_for(address);
    }
    auto proto = request.header("X-Forwarded-Proto");
    request.secure = proto && ascii::iequals(trim(proto->substr(0, proto->find(','))), "https");
  }
  return request;
}

Task<Reply> Server::Impl::dispatch(Request& request, std::string_view& route_name) {
  Router::Match match = router_.match(request);
  if (match.method_not_allowed) {
    route_name = "method_not_allowed";
    Reply reply{error_response(request, 405, "This address does not accept that kind of request."), {}};
    reply.response.set_header("Allow", match.allow);
    co_return reply;
  }
  if (!match.route && !not_found_) {
    route_name = "not_found";
    co_return Reply{error_response(request, 404, "There is nothing at this address."), {}};
  }
  const Handler& handler = match.route ? match.route->handler : not_found_;
  route_name = match.route ? std::string_view(match.route->name) : std::string_view("not_found");
  if (match.route && match.route->runs_inline) co_return run_handler(handler, request, route_name);
  if (match.route && match.route->quick_answer) {
    if (auto quick = quick_answer(*match.route, request)) co_return std::move(*quick);
  }
  co_return co_await run_on_pool(handler, request, route_name);
}

// Off the network threads, so a slow database call stalls no other connection. The
// handler is posted to the pool as a plain function, and the coroutine resumed on its
// own network thread when it is done: cheaper than co_spawn'ing a coroutine there (and
// WorkerPool hands jobs over more cheaply than asio::thread_pool; see worker_pool.hpp).
Task<Reply> Server::Impl::run_on_pool(const Handler& handler, Request& request, std::string_view route_name) {
  Reply reply;
  co_await asio::async_initiate<const asio::use_awaitable_t<Executor>, void(std::exception_ptr)>(
      [&](auto resume) {
        // The connection's io_context must not run out of work while the handler runs.
        auto work = asio::make_work_guard(asio::get_associated_executor(resume));
        pool_.post([&, resume = std::move(resume), work = std::move(work)]() mutable {
          std::exception_ptr error;
          try {
            reply = run_handler(handler, request, route_name);
          } catch (...) {
            error = std::current_exception();  // rethrown in the coroutine, as co_spawn did
          }
          asio::post(work.get_executor(), [resume = std::move(resume), error]() mutable { resume(error); });
        });
      },
      use_task);
  co_return reply;
}

Reply Server::Impl::run_handler(const Handler& handler, Request& request, std::string_view route_name) {
  try {
    Reply reply{handler(request), {}};
    if (reply.response.stream) {
      // What follows the head is sent as it comes: it can't be gzip-compressed as a whole.
      add_security_headers(request, reply.response);
      return reply;
    }
    reply.deferred = finish_response_deferred(request, reply.response);
    return reply;
  } catch (const std::exception& e) {
    spdlog::error("http: route {} failed: {}", route_name, e.what());
  } catch (...) {
    spdlog::error("http: route {} failed with a non-standard exception", route_name);
  }
  return Reply{error_response(request, 500, generic_failure), {}};
}

// A failing quick answer is logged and the request goes on to the handler, which can
// always answer on its own.
std::optional<Reply> Server::Impl::quick_answer(const Route& route, Request& request) {
  try {
    auto response = route.quick_answer(request);
    if (!response) return std::nullopt;
    Reply reply{std::move(*response), {}};
    reply.deferred = finish_response_deferred(request, reply.response);
    return reply;
  } catch (const std::exception& e) {
    spdlog::error("http: quick answer of route {} failed: {}", route.name, e.what());
  }
  return std::nullopt;
}

Response Server::Impl::error_response(const Request& request, int status, std::string_view message) {
  try {
    if (render_error_) {
      Response response = render_error_(request, status, message);
      finish_response(request, response);
      return response;
    }
  } catch (const std::exception& e) {
    spdlog::error("http: the error renderer failed: {}", e.what());
  } catch (...) {
    spdlog::error("http: the error renderer failed with a non-standard exception");
  }
  Response response;
  response.status = status;
  response.content_type = "text/plain; charset=utf-8";
  response.body = std::string(message);
  add_security_headers(request, response);
  return response;
}

Task<bool> Server::Impl::write(const std::shared_ptr<Connection>& connection, const Request& request, unsigned version,
                               const Reply& reply, bool keep_alive) {
  std::string& head = connection->head;
  serialize_head(head, version, reply, keep_alive);
  // HEAD: the length GET would send, and no body.
  std::array<asio::const_buffer, 2> buffers{asio::buffer(head), asio::const_buffer()};
  if (request.method != Method::head) buffers[1] = asio::buffer(reply.response.body);
  set_deadline(connection, options_.read_timeout);
  auto [ec, n] = co_await asio::async_write(connection->socket, buffers, nothrow);
  clear_deadline(*connection);
  // A large head (many cookies) is not kept for the life of the connection, nor any head
  // for the life of a stream.
  if (head.capacity() > 4096 || reply.response.stream) std::string().swap(head);
  co_return !ec;
}

namespace {

// A client sends nothing on an event stream, so a read completes only when it goes away (or
// the socket is closed): then the stream ends at once instead of at its next heartbeat.
void watch_for_close(std::shared_ptr<Connection> connection, std::shared_ptr<LiveState> live) {
  Socket& socket = connection->socket;
  // Taken before the call: the handler below moves `live`, and argument order is unspecified.
  const auto sink = asio::buffer(live->sink);
  socket.async_read_some(sink,
                         [connection = std::move(connection), live = std::move(live)](error_code ec, std::size_t) {
                           if (ec) return live->end();
                           if (!live->ended) watch_for_close(connection, live);
                         });
}

}  // namespace

// The body of a streamed response after its head: next() whenever the stream is woken (at
// most once per pace), a comment line when it has been silent for a heartbeat interval.
Task<void> Server::Impl::stream_body(const std::shared_ptr<Connection>& connection) {
  std::shared_ptr<BodyStream> body = std::move(connection->stream);
  auto live = std::make_shared<LiveState>(connection->socket.get_executor());
  connection->live = live;
  try {
    body->start([weak = std::weak_ptr<LiveState>(live)] {
      if (auto state = weak.lock()) state->wake();
    });
  } catch (const std::exception& e) {
    spdlog::error("http: a stream failed to start: {}", e.what());
    live->ended = true;
  }
  watch_for_close(connection, live);
  const Clock::duration pace = body->pace();
  Clock::time_point beat = Clock::now() + options_.stream_heartbeat;
  Clock::time_point not_before = Clock::now();
  while (!live->ended && !stopping_) {
    const Clock::time_point now = Clock::now();
    const bool poll = live->woken && now >= not_before;
    if (!poll && now < beat) {
      live->timer.expires_at(live->woken ? std::min(not_before, beat) : beat);
      co_await live->timer.async_wait(nothrow);
      continue;
    }
    std::string out;
    if (poll) {
      live->woken = false;
      live->wake_posted.store(false, std::memory_order_release);  // wakes from here on post again
      auto more = co_await next_on_pool(*body);
      not_before = Clock::now() + pace;
      if (!more || live->ended || stopping_) break;
      out = std::move(*more);
    }
    if (out.empty() && Clock::now() >= beat) out = ":\n\n";
    if (out.empty()) continue;
    if (!co_await write_more(connection, out)) break;
    beat = Clock::now() + options_.stream_heartbeat;
  }
  connection->live.reset();
  body.reset();  // stops its wakes (it stops listening) before the connection closes
}

// next() runs on the worker pool: it may read the database.
Task<std::optional<std::string>> Server::Impl::next_on_pool(BodyStream& body) {
  std::optional<std::string> more;
  co_await asio::async_initiate<const asio::use_awaitable_t<Executor>, void()>(
      [&](auto resume) {
        auto work = asio::make_work_guard(asio::get_associated_executor(resume));
        pool_.post([&, resume = std::move(resume), work = std::move(work)]() mutable {
          try {
            more = body.next();
          } catch (const std::exception& e) {
            spdlog::error("http: a stream failed: {}", e.what());
            more.reset();
          } catch (...) {
            spdlog::error("http: a stream failed with a non-standard exception");
            more.reset();
          }
          asio::post(work.get_executor(), [resume = std::move(resume)]() mutable { resume(); });
        });
      },
      use_task);
  co_return more;
}

Task<bool> Server::Impl::write_more(const std::shared_ptr<Connection>& connection, const std::string& data) {
  // A client that stops reading fills its socket buffer; the deadline then closes it.
  set_deadline(connection, options_.read_timeout);
  auto [ec, n] = co_await asio::async_write(connection->socket, asio::buffer(data), nothrow);
  clear_deadline(*connection);
  co_return !ec;
}

void Server::Impl::begin_shutdown() {
  if (shutdown_begun_) return;
  shutdown_begun_ = true;
  stopping_ = true;
  error_code ignored;
  acceptor_.close(ignored);
  signals_.cancel(ignored);

  std::vector<std::shared_ptr<Connection>> open;
  {
    std::lock_guard lock(connections_mutex_);
    open.assign(connections_.begin(), connections_.end());
  }
  for (auto& connection : open) {
    asio::post(connection->socket.get_executor(), [connection] {
      error_code ignored;
      if (connection->idle) connection->socket.cancel(ignored);
      // An open stream ends now: it would otherwise never finish by itself.
      if (connection->live) {
        connection->live->end();
        connection->socket.cancel(ignored);
      }
    });
  }
  grace_timer_.expires_after(options_.shutdown_grace);
  grace_timer_.async_wait([this](const error_code& ec) {
    if (ec) return;  // cancelled: every connection finished in time
    spdlog::warn("http: requests still running after the shutdown grace period; stopping anyway");
    for (auto& context : contexts_) context->stop();
  });
  finish_if_drained();
}

void Server::Impl::finish_if_drained() {
  std::lock_guard lock(connections_mutex_);
  // With the acceptor and signals closed, the timer and the work guards are the last
  // work: releasing them lets run() return.
  if (stopping_ && connections_.empty()) {
    grace_timer_.cancel();
    for (auto& guard : keep_running_) guard.reset();
  }
}

Server::Server(ServerOptions options, std::vector<Route> routes, Handler not_found, ErrorRenderer render_error,
               std::function<bool()> health_probe)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(routes), std::move(not_found), std::move(render_error),
                                   std::move(health_probe))) {}

Server::~Server() = default;

Result<uint16_t> Server::start() {
  return impl_->start();
}
void Server::run() {
  impl_->run();
}
void Server::stop() {
  impl_->stop();
}

}  // namespace hearth
