#include "store/postgres/postgres_change_bus.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "core/metrics.hpp"
#include "core/random.hpp"
#include "store/postgres/change_payload.hpp"
#include "store/postgres/location.hpp"

namespace hearth::postgres {
namespace {

using std::chrono::milliseconds;
using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

constexpr std::size_t max_pending = 1000;
constexpr milliseconds idle_check{25'000};
constexpr milliseconds first_backoff{100};
constexpr milliseconds last_backoff{5'000};
constexpr std::string_view notices_metric = "hearth_cluster_notices_total";

bool succeeded(PGconn* connection, const char* sql) {
  ResultPtr result(PQexec(connection, sql), PQclear);
  const ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

class PostgresChangeBus final : public ChangeBus {
 public:
  PostgresChangeBus(std::string url, std::shared_ptr<PrimaryPosition> position)
      : url_(std::move(url)), position_(std::move(position)), wake_fd_(eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
    Metrics::global().describe(notices_metric, MetricType::counter,
                               "Changes sent to and received from the other nodes (LISTEN/NOTIFY)");
  }
  ~PostgresChangeBus() override {
    stop();
    if (wake_fd_ >= 0) ::close(wake_fd_);
  }

  void publish(const ChangeNotice& notice) override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      start_locked();
      queue_locked(notice);
    }
    poke();
  }

  void subscribe(Subscriber subscriber) override {
    std::lock_guard lock(mutex_);
    subscriber_ = std::move(subscriber);
    if (!stopping_) start_locked();
  }

  void stop() override {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
      stopping_ = true;
    }
    poke();
    if (thread_.joinable()) thread_.join();
  }

 private:
  void start_locked() {
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
  }

  void queue_locked(const ChangeNotice& notice) {
    if (everything_pending_) return;
    if (notice.kind == ChangeNotice::Kind::everything || pending_.size() >= max_pending) {
      pending_.clear();
      everything_pending_ = true;
      return;
    }
    if (std::find(pending_.begin(), pending_.end(), notice) == pending_.end()) pending_.push_back(notice);
  }

  void poke() {
    const uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
  }

  bool stopping() {
    std::lock_guard lock(mutex_);
    return stopping_;
  }

  void run() {
    milliseconds backoff = first_backoff;
    bool missed = false;  // notifications may have been sent while this node wasn't listening
    while (!stopping()) {
      if (!connection_) {
        if (!connect()) {
          missed = true;
          pause(backoff);
          backoff = std::min(backoff * 2, last_backoff);
          continue;
        }
        backoff = first_backoff;
        if (missed) deliver({ChangeNotice{}});
        missed = false;
      }
      if (!send_pending() || !receive() || !wait(PQsocket(connection_), idle_check)) {
        disconnect();
        missed = true;
      }
    }
    // What was published before stop(), best effort; connecting for it if need be: a
    // short-lived process (a command-line write) may stop before its first connection.
    if (!connection_ && has_pending()) connect();
    if (connection_) send_pending();
    disconnect();
  }

  bool has_pending() {
    std::lock_guard lock(mutex_);
    return everything_pending_ || !pending_.empty();
  }

  // LISTEN first, then the primary's position: a write that commits after the position was
  // read is notified, one before it is covered by the position.
  bool connect() {
    connection_ = PQconnectdb(url_.c_str());
    const bool ok = PQstatus(connection_) == CONNECTION_OK &&
                    succeeded(connection_, "SET application_name = 'hearth changes'") &&
                    succeeded(connection_, (std::string("LISTEN ") + change_channel).c_str()) && read_position();
    if (!ok) {
      if (!outage_logged_) {
        std::string detail = connection_ ? PQerrorMessage(connection_) : "";
        while (!detail.empty() && (detail.back() == '\n' || detail.back() == ' ')) detail.pop_back();
        spdlog::warn("cannot listen for other nodes' changes on {} ({}); retrying", redacted(url_), detail);
        outage_logged_ = true;
      }
      if (connection_) PQfinish(connection_);
      connection_ = nullptr;
      return false;
    }
    position_->set_listening(true);
    if (outage_logged_) spdlog::info("listening for other nodes' changes again");
    outage_logged_ = false;
    return true;
  }

  bool read_position() {
    const std::string sql = "SELECT " + std::string(committed_position_sql);
    ResultPtr result(PQexec(connection_, sql.c_str()), PQclear);
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK || PQntuples(result.get()) != 1) return false;
    const auto lsn = parse_lsn(PQgetvalue(result.get(), 0, 0));
    if (lsn) position_->raise(*lsn);
    return lsn.has_value();
  }

  void disconnect() {
    position_->set_listening(false);
    if (connection_) {
      PQfinish(connection_);
      connection_ = nullptr;
      if (!stopping()) {
        spdlog::warn("lost the connection for other nodes' changes; reconnecting");
        outage_logged_ = true;
      }
    }
  }

  // The server adds its WAL position after the commits this node has made (the changes
  // being sent were published after theirs).
  bool send_pending() {
    std::vector<ChangeNotice> notices;
    {
      std::lock_guard lock(mutex_);
      if (everything_pending_)
        notices.push_back(ChangeNotice{});
      else
        notices.swap(pending_);
      pending_.clear();
      everything_pending_ = false;
    }
    for (const std::string& payload : encode_changes(origin_, notices)) {
      const char* values[] = {payload.c_str()};
      const std::string sql = std::string("SELECT pg_notify('") + change_channel + "', " +
                              std::string(committed_position_sql) + " || ' ' || $1::text)";
      ResultPtr result(PQexecParams(connection_, sql.c_str(), 1, nullptr, values, nullptr, nullptr, 0), PQclear);
      if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
        std::lock_guard lock(mutex_);
        for (const ChangeNotice& n : notices) queue_locked(n);  // again after reconnecting
        return false;
      }
    }
    if (!notices.empty()) Metrics::global().count(notices_metric, {{"direction", "sent"}}, double(notices.size()));
    return true;
  }

  bool receive() {
    if (!PQconsumeInput(connection_)) return false;
    std::vector<ChangeNotice> received;
    while (PGnotify* notify = PQnotifies(connection_)) {
      if (std::string_view(notify->relname) == change_channel) {
        DecodedPayload decoded = decode_payload(notify->extra ? notify->extra : "");
        if (decoded.lsn) position_->raise(*decoded.lsn);  // before anyone is told
        if (decoded.origin != origin_) received.insert(received.end(), decoded.notices.begin(), decoded.notices.end());
      }
      PQfreemem(notify);
    }
    if (!received.empty()) {
      Metrics::global().count(notices_metric, {{"direction", "received"}}, double(received.size()));
      deliver(received);
    }
    return true;
  }

  void deliver(const std::vector<ChangeNotice>& notices) {
    Subscriber subscriber;
    {
      std::lock_guard lock(mutex_);
      subscriber = subscriber_;
    }
    if (subscriber) subscriber(notices);
  }

  // Waits `time` or until stop(): changes published meanwhile wait for the connection, so
  // that a burst of writes while the server is away doesn't turn into a burst of attempts.
  void pause(milliseconds time) {
    const auto until = std::chrono::steady_clock::now() + time;
    while (!stopping()) {
      const auto left = std::chrono::duration_cast<milliseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) return;
      wait(-1, left);
    }
  }

  // Waits until `socket` (when >= 0) has input, publish() or stop() pokes, or `timeout`
  // passes. On a timeout with a socket, checks the connection is alive; false when not.
  bool wait(int socket, milliseconds timeout) {
    pollfd fds[2] = {{wake_fd_, POLLIN, 0}, {socket, POLLIN, 0}};
    const int ready = ::poll(fds, socket >= 0 ? 2 : 1, static_cast<int>(timeout.count()));
    if (fds[0].revents & POLLIN) {
      uint64_t count = 0;
      (void)!::read(wake_fd_, &count, sizeof count);
    }
    if (ready == 0 && socket >= 0) return succeeded(connection_, "SELECT 1");
    return true;
  }

  const std::string url_;
  const std::string origin_ = random_hex(8);  // this node, in its payloads
  const std::shared_ptr<PrimaryPosition> position_;
  const int wake_fd_;
  std::mutex mutex_;
  bool stopping_ = false;
  std::vector<ChangeNotice> pending_;
  bool everything_pending_ = false;
  Subscriber subscriber_;
  std::thread thread_;
  // Used by the thread only:
  PGconn* connection_ = nullptr;
  bool outage_logged_ = false;
};

}  // namespace

std::unique_ptr<ChangeBus> make_change_bus(std::string url, std::shared_ptr<PrimaryPosition> position) {
  return std::make_unique<PostgresChangeBus>(std::move(url), std::move(position));
}

}  // namespace hearth::postgres
