// The only translation unit that includes Beast and Asio (see DESIGN.md: each costs about
// 20 s to compile). Everything that can be tested without sockets lives in the Beast-free
// files beside it: router, middleware, compression, request_target, client_key,
// builtin_routes.
#include "http/server.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_set>

#include "core/text.hpp"
#include "http/ascii.hpp"
#include "http/builtin_routes.hpp"
#include "http/client_key.hpp"
#include "http/middleware.hpp"
#include "http/request_target.hpp"
#include "http/router.hpp"

namespace hearth {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;
using Clock = std::chrono::steady_clock;

// Completion token that reports errors as values: a closed connection is not exceptional.
constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);

constexpr std::string_view generic_failure = "Something went wrong on our side. Please try again in a moment.";

// One client connection. The session coroutine owns it; the server keeps a reference
// only to close it when shutting down.
struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;  // waiting for a request to start; touched only on the strand
};

enum class After { keep_alive, close, drain_and_close };

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
  return text.find_first_of("\r\n") != std::string_view::npos;
}

int network_thread_count(const ServerOptions& options) {
  if (options.network_threads > 0) return options.network_threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::string peer_address(const tcp::socket& socket) {
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
  asio::awaitable<void> accept_loop();
  asio::awaitable<void> serve(std::shared_ptr<Connection> connection);
  asio::awaitable<After> serve_request(Connection& connection, beast::flat_buffer& buffer, const std::string& peer_key);
  asio::awaitable<Response> dispatch(Request& request, std::string_view& route_name);
  asio::awaitable<bool> write(Connection& connection, const Request& request, unsigned version, Response response,
                              bool keep_alive);
  Response run_handler(const Handler& handler, Request& request, std::string_view route_name);
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
  // Declared before io_context: sessions destroyed with it still deregister here.
  std::mutex connections_mutex_;
  std::unordered_set<std::shared_ptr<Connection>> connections_;

  asio::io_context ioc_;
  // Serialises the acceptor, the signal set and the shutdown steps.
  asio::strand<asio::io_context::executor_type> control_;
  tcp::acceptor acceptor_;
  asio::signal_set signals_;
  asio::steady_timer grace_timer_;
  // Declared last, so it is joined first: its handlers finish before io_context goes.
  asio::thread_pool pool_;
};

Server::Impl::Impl(ServerOptions options, std::vector<Route> routes, Handler not_found, ErrorRenderer render_error,
                   std::function<bool()> health_probe)
    : options_(std::move(options)),
      not_found_(std::move(not_found)),
      render_error_(std::move(render_error)),
      keyer_(options_.client_key_secret),
      ioc_(network_thread_count(options_)),
      control_(asio::make_strand(ioc_)),
      acceptor_(control_),
      signals_(control_),
      grace_timer_(control_),
      pool_(static_cast<std::size_t>(std::max(1, options_.worker_threads))) {
  describe_http_metrics();
  // Built-ins first: on an exact tie the earlier route wins, so nothing can shadow them.
  for (Route& route : builtin_routes(std::move(health_probe))) router_.add(std::move(route));
  for (Route& route : routes) router_.add(std::move(route));
}

Server::Impl::~Impl() {
  ioc_.stop();
  pool_.join();
}

Result<uint16_t> Server::Impl::start() {
  auto fail = [&](const error_code& ec) -> Result<uint16_t> {
    return make_error(ErrorCode::unavailable, "Could not listen on " + options_.host + ":" +
                                                  std::to_string(options_.port) + ": " + ec.message());
  };
  error_code ec;
  tcp::resolver resolver(ioc_);
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
  for (int i = 1; i < network_thread_count(options_); ++i) threads.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& thread : threads) thread.join();
}

asio::awaitable<void> Server::Impl::accept_loop() {
  while (!stopping_) {
    // Each connection gets its own strand: its coroutine never runs on two threads at once.
    auto [ec, socket] = co_await acceptor_.async_accept(asio::make_strand(ioc_), nothrow);
    if (stopping_) break;
    if (ec) {
      // Typically out of file descriptors: pause rather than spin.
      spdlog::warn("http: accept failed: {}", ec.message());
      asio::steady_timer pause(control_, std::chrono::milliseconds(100));
      co_await pause.async_wait(nothrow);
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    asio::co_spawn(connection->stream.get_executor(), serve(connection), [](std::exception_ptr e) {
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
  bool drained = false;
  {
    std::lock_guard lock(impl_.connections_mutex_);
    impl_.connections_.erase(connection_);
    drained = impl_.stopping_ && impl_.connections_.empty();
  }
  if (drained && !impl_.ioc_.stopped()) {
    asio::post(impl_.control_, [&impl = impl_] { impl.finish_if_drained(); });
  }
}

asio::awaitable<void> Server::Impl::serve(std::shared_ptr<Connection> connection) {
  Registration registration(*this, connection);
  beast::tcp_stream& stream = connection->stream;
  // Computed once: the address of a connection does not change.
  const std::string peer_key = keyer_.key_for(peer_address(stream.socket()));
  beast::flat_buffer buffer;
  After after = After::keep_alive;
  while (after == After::keep_alive) {
    connection->idle = true;
    // Checked on the strand right before waiting, so stop() either sees this connection
    // idle and cancels the wait, or this check sees stopping_.
    if (stopping_) break;
    if (buffer.size() == 0) {
      stream.expires_after(options_.idle_timeout);
      auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), nothrow);
      if (ec) break;
      buffer.commit(n);
    }
    connection->idle = false;
    after = co_await serve_request(*connection, buffer, peer_key);
  }

  error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  if (after == After::drain_and_close) {
    // Read what the client is still sending (e.g. an oversized body) for a moment, so
    // closing does not reset the connection before it has read our error response.
    stream.expires_after(std::chrono::seconds(1));
    char sink[4096];
    for (std::size_t total = 0; total < (1u << 20);) {
      auto [ec, n] = co_await stream.async_read_some(asio::buffer(sink), nothrow);
      if (ec) break;
      total += n;
    }
  }
  stream.socket().close(ignored);
}

asio::awaitable<After> Server::Impl::serve_request(Connection& connection, beast::flat_buffer& buffer,
                                                   const std::string& peer_key) {
  http::request_parser<http::string_body> parser;
  parser.header_limit(static_cast<std::uint32_t>(options_.header_limit));
  parser.body_limit(options_.body_limit);
  // One deadline for the whole request: a client trickling bytes cannot hold it open.
  connection.stream.expires_after(options_.read_timeout);
  auto [ec, n] = co_await http::async_read_header(connection.stream, buffer, parser, nothrow);
  if (!ec && parser.get().version() >= 11 && ascii::iequals(parser.get()[http::field::expect], "100-continue")) {
    http::response<http::empty_body> proceed{http::status::continue_, 11};
    std::tie(ec, n) = co_await http::async_write(connection.stream, proceed, nothrow);
  }
  if (!ec && !parser.is_done()) {
    std::tie(ec, n) = co_await http::async_read(connection.stream, buffer, parser, nothrow);
  }
  Clock::time_point started = Clock::now();

  if (ec) {
    auto [status, message] = read_failure(ec);
    if (status == 0) co_return After::close;
    // What was parsed still helps the error renderer choose, e.g., JSON for /api/.
    Request partial = make_request(parser.get(), peer_key);
    (void)parse_request_target(partial.target, partial);
    Response response = error_response(partial, status, message);
    record_request_metrics("invalid_request", status, std::chrono::duration<double>(Clock::now() - started).count());
    co_await write(connection, partial, parser.get().version(), std::move(response), false);
    co_return After::drain_and_close;
  }

  Request request = make_request(parser.get(), peer_key);
  std::string_view route_name = "invalid_request";
  Response response;
  if (parse_request_target(request.target, request)) {
    response = co_await dispatch(request, route_name);
  } else {
    response = error_response(request, 400, "That address is not valid.");
  }
  double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  record_request_metrics(route_name, response.status, seconds);
  spdlog::debug("{} {} {} {:.2f} ms", method_name(request.method), route_name, response.status, seconds * 1000);

  bool keep_alive = parser.get().keep_alive() && !stopping_;
  if (!co_await write(connection, request, parser.get().version(), std::move(response), keep_alive)) {
    co_return After::close;
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

asio::awaitable<Response> Server::Impl::dispatch(Request& request, std::string_view& route_name) {
  Router::Match match = router_.match(request);
  if (match.method_not_allowed) {
    route_name = "method_not_allowed";
    Response response = error_response(request, 405, "This address does not accept that kind of request.");
    response.set_header("Allow", match.allow);
    co_return response;
  }
  if (!match.route && !not_found_) {
    route_name = "not_found";
    co_return error_response(request, 404, "There is nothing at this address.");
  }
  const Handler& handler = match.route ? match.route->handler : not_found_;
  route_name = match.route ? std::string_view(match.route->name) : std::string_view("not_found");
  if (match.route && match.route->runs_inline) co_return run_handler(handler, request, route_name);
  // Off the network threads, so a slow database call stalls no other connection.
  // (co_spawn moves the work to the pool; awaiting a post to it would not.)
  co_return co_await asio::co_spawn(
      pool_, [&]() -> asio::awaitable<Response> { co_return run_handler(handler, request, route_name); },
      asio::use_awaitable);
}

Response Server::Impl::run_handler(const Handler& handler, Request& request, std::string_view route_name) {
  try {
    Response response = handler(request);
    finish_response(request, response);
    return response;
  } catch (const std::exception& e) {
    spdlog::error("http: route {} failed: {}", route_name, e.what());
  } catch (...) {
    spdlog::error("http: route {} failed with a non-standard exception", route_name);
  }
  return error_response(request, 500, generic_failure);
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

asio::awaitable<bool> Server::Impl::write(Connection& connection, const Request& request, unsigned version,
                                          Response response, bool keep_alive) {
  http::response<http::string_body> message;
  message.version(version == 10 ? 10 : 11);
  message.result(static_cast<unsigned>(response.status));
  if (!response.content_type.empty()) message.set(http::field::content_type, response.content_type);
  for (const auto& [name, value] : response.headers) {
    // The server owns framing; a line break in a header would split the response.
    if (is_framing_header(name) || has_line_break(name) || has_line_break(value) || name.empty()) continue;
    message.insert(name, value);
  }
  message.body() = std::move(response.body);
  message.keep_alive(keep_alive);
  message.prepare_payload();
  // HEAD: the length GET would send, and no body.
  if (request.method == Method::head) message.body().clear();
  connection.stream.expires_after(options_.read_timeout);
  auto [ec, n] = co_await http::async_write(connection.stream, message, nothrow);
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
    asio::post(connection->stream.get_executor(), [connection] {
      if (connection->idle) connection->stream.cancel();
    });
  }
  grace_timer_.expires_after(options_.shutdown_grace);
  grace_timer_.async_wait([this](const error_code& ec) {
    if (ec) return;  // cancelled: every connection finished in time
    spdlog::warn("http: requests still running after the shutdown grace period; stopping anyway");
    ioc_.stop();
  });
  finish_if_drained();
}

void Server::Impl::finish_if_drained() {
  std::lock_guard lock(connections_mutex_);
  // With the acceptor and signals closed, the timer is the last work: cancelling it
  // lets run() return.
  if (stopping_ && connections_.empty()) grace_timer_.cancel();
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
