// Streamed responses (Server-Sent Events) in the real server, over a real socket: the head,
// chunks sent when the stream is woken, heartbeats, the end of a stream from either side,
// and shutdown with streams open.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "core/event_stream.hpp"
#include "http/server.hpp"
#include "raw_client.hpp"

namespace hearth {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

// What a test's stream sends: chunks the test queues, then wakes it.
class Script {
 public:
  void queue(std::string chunk) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      chunks_.push_back(std::move(chunk));
      wake = wake_;
    }
    if (wake) wake();
  }
  void finish() { queue("<end>"); }
  void wake_only() {
    std::function<void()> wake;
    {
      std::lock_guard lock(mutex_);
      wake = wake_;
    }
    if (wake) wake();
  }
  void started(std::function<void()> wake) {
    std::lock_guard lock(mutex_);
    wake_ = std::move(wake);
    changed_.notify_all();
  }
  // Everything queued since the last call, or nullopt once the end is all that is left.
  std::optional<std::string> next() {
    std::lock_guard lock(mutex_);
    ++calls_;
    std::string out;
    while (!chunks_.empty() && chunks_.front() != "<end>") {
      out += chunks_.front();
      chunks_.pop_front();
    }
    if (out.empty() && !chunks_.empty()) return std::nullopt;
    return out;
  }
  void destroyed() {
    std::lock_guard lock(mutex_);
    destroyed_ = true;
    changed_.notify_all();
  }
  bool wait_started() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, 5s, [&] { return wake_ != nullptr; });
  }
  bool wait_destroyed(std::chrono::milliseconds within) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, within, [&] { return destroyed_; });
  }
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::function<void()> wake_;
  std::deque<std::string> chunks_;
  int calls_ = 0;
  bool destroyed_ = false;
};

class ScriptedStream final : public BodyStream {
 public:
  ScriptedStream(std::shared_ptr<Script> script, std::chrono::milliseconds pace)
      : script_(std::move(script)), pace_(pace) {}
  ~ScriptedStream() override { script_->destroyed(); }
  void start(std::function<void()> wake) override { script_->started(std::move(wake)); }
  std::optional<std::string> next() override { return script_->next(); }
  std::chrono::milliseconds pace() const override { return pace_; }

 private:
  std::shared_ptr<Script> script_;
  std::chrono::milliseconds pace_;
};

class ServerStreamTest : public ::testing::Test {
 protected:
  void start(std::chrono::milliseconds heartbeat = 60s, std::chrono::milliseconds pace = 0ms) {
    ServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.network_threads = 1;
    options.worker_threads = 2;
    options.client_key_secret = std::string(32, 'k');
    options.stream_heartbeat = heartbeat;
    std::vector<Route> routes;
    routes.push_back({Method::get, "/events",
                      [this, pace](Request&) {
                        return event_stream_response(std::make_shared<ScriptedStream>(script_, pace), 3s);
                      },
                      "test.events"});
    routes.push_back({Method::get, "/hello",
                      [](Request&) {
                        Response r;
                        r.body = "hello";
                        return r;
                      },
                      "test.hello"});
    server_ = std::make_unique<Server>(
        options, std::move(routes), [](Request&) { return Response{404}; },
        [](const Request&, int status, std::string_view) { return Response{status}; }, [] { return true; });
    auto port = server_->start();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    runner_ = std::thread([this] { server_->run(); });
  }

  void TearDown() override {
    if (!server_) return;
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  // Opens the stream and reads its head and first bytes ("retry: 3000\n\n").
  std::unique_ptr<RawClient> open() {
    auto client = std::make_unique<RawClient>(port_);
    EXPECT_TRUE(client->send("GET /events HTTP/1.1\r\nHost: test\r\nAccept: text/event-stream\r\n\r\n"));
    auto head = client->read_response();
    EXPECT_TRUE(head);
    if (head) head_ = *head;
    EXPECT_EQ(client->read_until("\n\n").value_or(""), "retry: 3000\n\n");
    EXPECT_TRUE(script_->wait_started());
    return client;
  }

  std::shared_ptr<Script> script_ = std::make_shared<Script>();
  std::unique_ptr<Server> server_;
  std::thread runner_;
  uint16_t port_ = 0;
  testing::RawResponse head_;
};

TEST_F(ServerStreamTest, TheHeadSaysEventStreamWithoutLengthCachingOrBuffering) {
  start();
  auto client = open();
  EXPECT_EQ(head_.status, 200);
  EXPECT_EQ(head_.header("Content-Type").value_or(""), "text/event-stream; charset=utf-8");
  EXPECT_FALSE(head_.header("Content-Length"));
  EXPECT_EQ(head_.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(head_.header("X-Accel-Buffering").value_or(""), "no");
  EXPECT_EQ(head_.header("Connection").value_or(""), "close");
  EXPECT_FALSE(head_.header("Content-Encoding"));
  EXPECT_TRUE(head_.header("Content-Security-Policy"));  // the security headers as on any response
}

TEST_F(ServerStreamTest, WhatTheStreamSaysArrivesWhenItIsWoken) {
  start();
  auto client = open();
  script_->queue(sse_event("reply", "{\"post\":\"1\"}", 1));
  EXPECT_EQ(client->read_until("\n\n").value_or(""), "id: 1\nevent: reply\ndata: {\"post\":\"1\"}\n\n");
  script_->queue(sse_event("edit", "{}", 2));
  EXPECT_EQ(client->read_until("\n\n").value_or(""), "id: 2\nevent: edit\ndata: {}\n\n");
}

TEST_F(ServerStreamTest, TheStreamIsAskedOnceRightAfterItStarts) {
  start();
  auto client = open();
  // Nothing queued, no wake: next() still ran once, so nothing between the handler and
  // start() could have been missed.
  for (int i = 0; i < 100 && script_->calls() == 0; ++i) std::this_thread::sleep_for(10ms);
  EXPECT_EQ(script_->calls(), 1);
}

TEST_F(ServerStreamTest, ASilentStreamSendsHeartbeatComments) {
  start(150ms);
  auto client = open();
  const auto began = std::chrono::steady_clock::now();
  EXPECT_EQ(client->read_until("\n\n").value_or(""), ":\n\n");
  EXPECT_EQ(client->read_until("\n\n").value_or(""), ":\n\n");
  EXPECT_GE(std::chrono::steady_clock::now() - began, 250ms);
}

TEST_F(ServerStreamTest, WakesWithinThePaceAreAnsweredTogether) {
  start(60s, 300ms);
  auto client = open();
  for (int i = 0; i < 100 && script_->calls() == 0; ++i) std::this_thread::sleep_for(5ms);
  for (int i = 0; i < 20; ++i) {
    script_->queue("data: " + std::to_string(i) + "\n\n");
    std::this_thread::sleep_for(5ms);
  }
  // Everything arrives, in order, from few calls.
  for (int i = 0; i < 20; ++i) {
    const auto got = client->read_until("\n\n");
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, "data: " + std::to_string(i) + "\n\n");
  }
  EXPECT_LE(script_->calls(), 5);
}

TEST_F(ServerStreamTest, TheStreamEndsWhenTheClientLeaves) {
  start();
  auto client = open();
  client.reset();  // closes the socket
  EXPECT_TRUE(script_->wait_destroyed(2s));
}

TEST_F(ServerStreamTest, TheServerClosesTheConnectionWhenTheStreamEnds) {
  start();
  auto client = open();
  script_->finish();
  EXPECT_FALSE(client->read_until("never"));
  EXPECT_TRUE(script_->wait_destroyed(2s));
}

TEST_F(ServerStreamTest, StopEndsOpenStreamsAtOnce) {
  start();
  std::vector<std::unique_ptr<RawClient>> clients;
  for (int i = 0; i < 3; ++i) clients.push_back(open());
  const auto began = std::chrono::steady_clock::now();
  server_->stop();
  runner_.join();
  // Well inside the 10 s grace that requests in flight get.
  EXPECT_LT(std::chrono::steady_clock::now() - began, 2s);
  for (auto& client : clients) EXPECT_FALSE(client->read_until("never"));
}

TEST_F(ServerStreamTest, HeadGetsTheHeadAndNoStream) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("HEAD /events HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.read_response(true);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(response->header("Content-Length"));
  // The connection stays usable: no stream was started on it.
  auto hello = client.get("/hello");
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->body, "hello");
}

TEST_F(ServerStreamTest, OtherRequestsAreServedWhileStreamsAreOpen) {
  start();
  auto a = open();
  auto b = open();
  RawClient client(port_);
  auto hello = client.get("/hello");
  ASSERT_TRUE(hello);
  EXPECT_EQ(hello->body, "hello");
}

}  // namespace
}  // namespace hearth
