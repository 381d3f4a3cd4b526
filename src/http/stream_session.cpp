// A streamed response (Server-Sent Events) after its head: the stream's next() on the
// worker pool whenever it is woken, at most once per pace; a comment line after a silent
// heartbeat interval; a pending one-byte read that notices a client leaving. Shutdown ends
// it through Connection::live (server.cpp). Apart from the HTTP session because it lives
// differently: it may stay open for hours, holding no request, parser or read buffer
// (DESIGN.md's budget for idle streams).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/write.hpp>
#include <exception>

#include "http/detail/server_impl.hpp"

namespace hearth {
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

}  // namespace hearth
