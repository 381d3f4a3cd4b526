// The server's life: one io_context per network thread, listening, accepting and dealing
// out connections, and a graceful shutdown that lets requests in flight finish. The rest of
// Server::Impl lives beside it: http_session.cpp, stream_session.cpp, beast_messages.cpp.
//
// Beast and Asio are included only by these .cpp files and the private headers in
// detail/ that they share (see DESIGN.md: a Beast translation unit costs about 20 s to
// compile). Everything that can be tested without sockets lives in the Beast-free files
// beside them: router, middleware, compression, request_target, client_key,
// builtin_routes.
#include "http/server.hpp"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <csignal>
#include <thread>

#include "http/builtin_routes.hpp"
#include "http/detail/server_impl.hpp"
#include "http/middleware.hpp"

namespace hearth {
namespace {

int network_thread_count(const ServerOptions& options) {
  if (options.network_threads > 0) return options.network_threads;
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

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
