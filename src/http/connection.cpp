// A connection's watchdog: the deadlines of its reads and writes share one timer (see
// detail/connection.hpp), re-armed only when a deadline moves earlier.
#include "http/detail/connection.hpp"

namespace hearth {
namespace server_detail {
namespace {

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

}  // namespace

void set_deadline(const std::shared_ptr<Connection>& connection, Clock::duration timeout) {
  connection->deadline = Clock::now() + timeout;
  if (connection->deadline < connection->armed) arm_watchdog(connection);
}

}  // namespace server_detail
}  // namespace hearth
