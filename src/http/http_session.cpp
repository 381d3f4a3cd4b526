// The HTTP session on one connection: read a request with limits and timeouts, turn it into
// a core::Request, run its handler (inline, as a quick answer, or on the worker pool),
// write the response, and keep the connection alive for the next one, or hand it to
// stream_session.cpp when the response is a stream.
//
// Costs per request matter here (bench/README.md; see also detail/connection.hpp): the
// response head is written into a per-connection buffer and sent with the body in one
// gather write.
#include <spdlog/spdlog.h>

#include <array>
#include <boost/asio/write.hpp>
#include <exception>
#include <tuple>

#include "core/ascii.hpp"
#include "http/detail/server_impl.hpp"
#include "http/middleware.hpp"
#include "http/request_target.hpp"

namespace hearth {
namespace {

constexpr std::string_view generic_failure = "Something went wrong on our side. Please try again in a moment.";

}  // namespace

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

}  // namespace hearth
