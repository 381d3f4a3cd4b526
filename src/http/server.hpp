#pragma once
// The HTTP/1.1 server. Beast and Asio stay inside server.cpp and the files beside it that
// implement it (detail/server_impl.hpp): this header exposes none of their types, so the
// code that configures a server does not pay their compile time.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/http_message.hpp"
#include "core/result.hpp"

namespace hearth {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;     // 0: any free port; start() returns the one chosen
  int network_threads = 0;  // 0: one per hardware core
  int worker_threads = 4;   // run the handlers that may block (runs_inline == false)
  std::size_t body_limit = 1 << 20;
  std::size_t header_limit = 16 * 1024;
  std::chrono::seconds read_timeout{30};    // to receive a whole request once it started
  std::chrono::seconds idle_timeout{75};    // between requests on a keep-alive connection
  std::chrono::seconds shutdown_grace{10};  // for in-flight requests after stop()
  // A streamed response (Server-Sent Events) silent this long sends a comment line: proxies
  // and load balancers commonly drop a connection that stays silent for 30 to 60 seconds.
  std::chrono::milliseconds stream_heartbeat{25'000};
  // Behind a reverse proxy: take the client address from X-Forwarded-For and HTTPS from
  // X-Forwarded-Proto. Never enable it when clients can reach the server directly.
  bool trust_proxy = false;
  // Key for the hash that turns client addresses into Request::client_key (32 bytes
  // recommended). Nodes behind one load balancer should share it; empty: random.
  std::string client_key_secret;
};

// Renders the page or JSON for an error the server itself detects (400, 404 via
// Router, 405, 413, 431, 500). Runs on a network thread: it must be fast and not block.
using ErrorRenderer = std::function<Response(const Request&, int status, std::string_view message)>;

class Server {
 public:
  // Besides `routes`, serves GET /healthz (200 "ok" while health_probe() is true, else 503)
  // and GET /metrics (Prometheus text). `not_found` answers requests no route matches; it
  // runs on the worker pool.
  Server(ServerOptions options, std::vector<Route> routes, Handler not_found, ErrorRenderer render_error,
         std::function<bool()> health_probe);
  ~Server();  // call after run() has returned (or when it was never called)
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the port actually bound.
  Result<uint16_t> start();

  // Serves until stop() (or SIGINT/SIGTERM, whose handlers run() installs). Uses the
  // calling thread as one of the network threads.
  void run();

  // Thread-safe and idempotent. Graceful: stops accepting, closes idle keep-alive
  // connections and open streams (their clients reconnect, to another node if there is
  // one), lets requests in flight finish (each is answered with
  // "Connection: close") for up to shutdown_grace, then makes run() return.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hearth
