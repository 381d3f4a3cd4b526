#pragma once
// One client connection as the server's files share it: the Asio types they all use, the
// connection's socket and watchdog, and the state of a streamed response on it. Private to
// src/http (tests/layering_check.py): only the server's .cpp files include it, so nothing
// else pays Asio's compile time.
//
// Costs per request matter here (bench/README.md): every network thread runs its own
// io_context, so a connection's handlers never need a strand or a lock shared with another
// thread; executors are concrete types, not any_io_executor; a connection has one
// watchdog timer that is re-armed only when a deadline moves earlier, rather than a timer
// started and cancelled around every read and write.
#include <atomic>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "core/http_message.hpp"

namespace hearth {
// Named, not anonymous, because the server's .cpp files share these; the using-directive
// below gives them the same lookup an anonymous namespace would.
namespace server_detail {

namespace asio = boost::asio;
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

// The I/O that follows must finish within `timeout` from now.
void set_deadline(const std::shared_ptr<Connection>& connection, Clock::duration timeout);

// No I/O is waiting (a handler is running): nothing to time out.
inline void clear_deadline(Connection& connection) {
  connection.deadline = Clock::time_point::max();
}

}  // namespace server_detail
using namespace server_detail;
}  // namespace hearth
