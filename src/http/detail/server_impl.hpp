#pragma once
// Server::Impl, shared by the files that implement it: server.cpp (listening, accepting,
// graceful shutdown), http_session.cpp (requests and responses on a connection),
// stream_session.cpp (Server-Sent Events) and beast_messages.cpp (make_request). Private
// to src/http, like detail/connection.hpp.
#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "http/client_key.hpp"
#include "http/detail/beast_messages.hpp"
#include "http/detail/connection.hpp"
#include "http/router.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace hearth {
namespace server_detail {

namespace beast = boost::beast;
namespace http = beast::http;

enum class After { keep_alive, close, drain_and_close, stream };

}  // namespace server_detail

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

}  // namespace hearth
