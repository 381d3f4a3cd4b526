#include "http/server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "core/compression.hpp"
#include "raw_client.hpp"

namespace hearth {
namespace {

using namespace std::chrono_literals;
using testing::RawClient;

// A gate a handler waits at until the test opens it, so "the handler is still running"
// is a fact the test controls rather than a sleep it hopes is long enough.
class Gate {
 public:
  void enter() { entered_.set_value(); }  // once per test
  bool wait_entered() { return entered_future_.wait_for(5s) == std::future_status::ready; }
  bool wait_open() { return opened_.wait_for(5s) == std::future_status::ready; }
  void open() {
    std::call_once(open_once_, [this] { open_.set_value(); });
  }

 private:
  std::promise<void> entered_;
  std::future<void> entered_future_ = entered_.get_future();
  std::promise<void> open_;
  std::shared_future<void> opened_ = open_.get_future().share();
  std::once_flag open_once_;
};

Response text(std::string body, int status = 200) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  return r;
}

std::string big_page() {
  std::string page = "<!doctype html><title>Thread</title>";
  while (page.size() < 20000) page += "<p>Thank you for sharing this. It helped me today.</p>\n";
  return page;
}

class ServerTest : public ::testing::Test {
 protected:
  void start(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.body_limit = 1024;
    options.client_key_secret = std::string(32, 'k');
    // One network thread: if a worker-pool route ran on it, other requests would stall,
    // and the tests below would notice.
    if (options.network_threads == 0) options.network_threads = 1;
    options.worker_threads = 2;
    server_ =
        std::make_unique<Server>(options, routes(), not_found(), render_error(), [this] { return healthy_.load(); });
    auto port = server_->start();
    ASSERT_TRUE(port.ok()) << port.error().message;
    port_ = *port;
    ASSERT_NE(port_, 0);
    runner_ = std::thread([this] {
      server_->run();
      run_returned_ = true;
    });
  }

  void TearDown() override {
    if (!server_) return;
    gate_.open();  // never leave a handler waiting
    server_->stop();
    if (runner_.joinable()) runner_.join();
  }

  std::vector<Route> routes() {
    std::vector<Route> list;
    list.push_back({Method::get, "/hello", [](Request&) { return text("hello"); }, "test.hello"});
    list.push_back(
        {Method::get, "/items/{id}", [](Request& r) { return text("item " + *r.param("id")); }, "test.item"});
    list.push_back({Method::post, "/echo", [](Request& r) { return text(r.body); }, "test.echo"});
    list.push_back({Method::get, "/whoami", [](Request& r) { return text(r.client_key + (r.secure ? " secure" : "")); },
                    "test.whoami"});
    list.push_back(
        {Method::get, "/boom", [](Request&) -> Response { throw std::runtime_error("db down"); }, "test.boom"});
    list.push_back({Method::get, "/big",
                    [](Request&) {
                      Response r;
                      r.body = big_page();
                      return r;
                    },
                    "test.big"});
    list.push_back({Method::get, "/gated",
                    [this](Request&) {
                      gate_.enter();
                      return text(gate_.wait_open() ? "done" : "gate never opened");
                    },
                    "test.gated"});
    return list;
  }

  Handler not_found() {
    return [](Request& r) { return text("nothing at " + r.path, 404); };
  }

  ErrorRenderer render_error() {
    return [](const Request&, int status, std::string_view message) {
      return text("error: " + std::string(message), status);
    };
  }

  std::unique_ptr<Server> server_;
  uint16_t port_ = 0;
  std::thread runner_;
  std::atomic<bool> run_returned_{false};
  std::atomic<bool> healthy_{true};
  Gate gate_;
};

TEST_F(ServerTest, KeepAliveServesTwoRequestsOnOneConnection) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.connected());
  auto first = client.get("/hello");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->body, "hello");
  EXPECT_EQ(first->header("Content-Type"), "text/plain; charset=utf-8");
  EXPECT_EQ(first->header("X-Content-Type-Options"), "nosniff");
  EXPECT_FALSE(first->header("Server").has_value());
  auto second = client.get("/items/caf%C3%A9");
  ASSERT_TRUE(second);
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(second->body, "item café");
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("GET /items/1 HTTP/1.1\r\nHost: t\r\n\r\nGET /items/2 HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto one = client.read_response();
  auto two = client.read_response();
  ASSERT_TRUE(one && two);
  EXPECT_EQ(one->body, "item 1");
  EXPECT_EQ(two->body, "item 2");
}

TEST_F(ServerTest, PostBodyReachesTheHandler) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 11\r\n\r\nhello=world"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "hello=world");
}

TEST_F(ServerTest, ExpectContinueGetsAnInterimResponse) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = client.read_response();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(client.send("abc"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->body, "abc");
}

TEST_F(ServerTest, OversizedBodyIs413AndCloses) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_EQ(response->body, "error: That is more than we can accept in one request. Please send something smaller.");
  EXPECT_EQ(response->header("Connection"), "close");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
  start();
  RawClient client(port_);
  std::string chunk(2000, 'x');
  ASSERT_TRUE(client.send("POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n7d0\r\n" + chunk +
                          "\r\n0\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

TEST_F(ServerTest, HugeHeaderIs431) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: t\r\nCookie: " + std::string(20000, 'c') + "\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, GarbageIs400AndCloses) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("this is not http\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, InvalidPathsAre400) {
  start();
  for (std::string_view target : {"/%zz", "/items/%C0%AF", "/a%00b", "http://elsewhere/"}) {
    RawClient client(port_);
    auto response = client.get(target);
    ASSERT_TRUE(response) << target;
    EXPECT_EQ(response->status, 400) << target;
    EXPECT_EQ(response->body, "error: That address is not valid.");
  }
}

TEST_F(ServerTest, UnknownPathGoesToNotFound) {
  start();
  RawClient client(port_);
  auto response = client.get("/no/such/page");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(response->body, "nothing at /no/such/page");
  EXPECT_EQ(response->header("X-Frame-Options"), "DENY");  // middleware runs on 404s too
  EXPECT_TRUE(client.get("/hello"));                       // and the connection stays usable
}

TEST_F(ServerTest, WrongMethodIs405WithAllow) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("DELETE /hello HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto response = client.read_response();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->header("Allow"), "GET, HEAD");
}

TEST_F(ServerTest, ThrowingHandlerIs500WithAGenericMessage) {
  start();
  RawClient client(port_);
  auto response = client.get("/boom");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->body, "error: Something went wrong on our side. Please try again in a moment.");
  EXPECT_EQ(response->body.find("db down"), std::string::npos);
}

TEST_F(ServerTest, HeadHasGetsLengthButNoBody) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.send("HEAD /items/12345 HTTP/1.1\r\nHost: t\r\n\r\n"));
  auto head = client.read_response(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->header("Content-Length"), "10");  // "item 12345"
  // Had a body been sent, it would be read as the next response and fail to parse.
  auto next = client.get("/hello");
  ASSERT_TRUE(next);
  EXPECT_EQ(next->body, "hello");
}

TEST_F(ServerTest, GzipForClientsThatAcceptIt) {
  start();
  RawClient client(port_);
  auto zipped = client.get("/big", "Accept-Encoding: gzip\r\n");
  ASSERT_TRUE(zipped);
  EXPECT_EQ(zipped->header("Content-Encoding"), "gzip");
  EXPECT_EQ(zipped->header("Vary"), "Accept-Encoding");
  EXPECT_EQ(gzip_decompress(zipped->body, 1 << 20), big_page());
  auto plain = client.get("/big");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->header("Content-Encoding").has_value());
  EXPECT_EQ(plain->body, big_page());
}

TEST_F(ServerTest, HealthzFollowsTheProbe) {
  start();
  RawClient client(port_);
  auto ok = client.get("/healthz");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "ok");
  healthy_ = false;
  auto down = client.get("/healthz");
  ASSERT_TRUE(down);
  EXPECT_EQ(down->status, 503);
}

TEST_F(ServerTest, MetricsAreExposed) {
  start();
  RawClient client(port_);
  ASSERT_TRUE(client.get("/hello"));
  auto metrics = client.get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_NE(metrics->body.find("hearth_http_requests_total{route=\"test.hello\",status=\"200\"}"), std::string::npos);
  EXPECT_NE(metrics->body.find("hearth_http_request_duration_seconds_bucket{route=\"test.hello\",le=\"+Inf\"}"),
            std::string::npos);
}

TEST_F(ServerTest, ClientKeyIsAKeyedHashNotTheAddress) {
  start();
  RawClient client(port_);
  auto a = client.get("/whoami");
  auto b = client.get("/whoami", "X-Forwarded-For: 203.0.113.9\r\nX-Forwarded-Proto: https\r\n");
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->body.size(), 64u);
  EXPECT_EQ(a->body.find("127"), std::string::npos);
  EXPECT_EQ(a->body, b->body);  // proxy headers are ignored unless trusted
  EXPECT_FALSE(b->header("Strict-Transport-Security").has_value());
}

TEST_F(ServerTest, TrustedProxyHeadersAreUsed) {
  ServerOptions options;
  options.trust_proxy = true;
  start(options);
  RawClient client(port_);
  auto direct = client.get("/whoami");
  auto one = client.get("/whoami", "X-Forwarded-For: 203.0.113.9, 10.0.0.1\r\nX-Forwarded-Proto: https\r\n");
  auto other = client.get("/whoami", "X-Forwarded-For: 203.0.113.10\r\n");
  ASSERT_TRUE(direct && one && other);
  EXPECT_NE(one->body, direct->body);
  EXPECT_NE(one->body, other->body);
  EXPECT_TRUE(one->body.ends_with(" secure"));
  EXPECT_EQ(one->header("Strict-Transport-Security"), "max-age=63072000; includeSubDomains");
  EXPECT_FALSE(other->body.ends_with(" secure"));
}

TEST_F(ServerTest, SlowWorkerRouteDoesNotBlockOtherConnections) {
  start();  // one network thread
  RawClient slow(port_);
  ASSERT_TRUE(slow.send("GET /gated HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(gate_.wait_entered());
  // The gated handler is now blocking a thread; the network thread must still answer.
  RawClient other(port_);
  auto health = other.get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  gate_.open();
  auto done = slow.read_response();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->body, "done");
}

TEST_F(ServerTest, StopFinishesInFlightRequestsAndClosesIdleOnes) {
  start();
  RawClient idle(port_);
  ASSERT_TRUE(idle.get("/hello"));  // now idle on a keep-alive connection
  RawClient busy(port_);
  ASSERT_TRUE(busy.send("GET /gated HTTP/1.1\r\nHost: t\r\n\r\n"));
  ASSERT_TRUE(gate_.wait_entered());

  server_->stop();
  EXPECT_TRUE(idle.closed_by_server());
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(run_returned_);  // the gated request is still running

  gate_.open();
  auto done = busy.read_response();
  ASSERT_TRUE(done);
  EXPECT_EQ(done->status, 200);
  EXPECT_EQ(done->body, "done");
  EXPECT_EQ(done->header("Connection"), "close");
  runner_.join();
  EXPECT_TRUE(run_returned_);
  RawClient late(port_, 1);
  EXPECT_FALSE(late.connected() && late.get("/hello"));
}

TEST_F(ServerTest, StopWithNoConnectionsReturnsPromptly) {
  start();
  auto began = std::chrono::steady_clock::now();
  server_->stop();
  runner_.join();
  EXPECT_LT(std::chrono::steady_clock::now() - began, 2s);
}

TEST_F(ServerTest, SlowlorisIsCutOffByTheReadTimeout) {
  ServerOptions options;
  options.read_timeout = 1s;
  start(options);
  // The client waits up to 20 s, far less than the default 30 s read timeout, and is
  // patient enough for a loaded CI machine: no timing is asserted beyond that.
  RawClient client(port_, 20);
  ASSERT_TRUE(client.send("GET /hello HTTP/1.1\r\nHost: t\r\n"));  // never finished
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, IdleKeepAliveConnectionsTimeOut) {
  ServerOptions options;
  options.idle_timeout = 1s;
  start(options);
  RawClient client(port_, 20);  // far less than the default 75 s idle timeout
  ASSERT_TRUE(client.get("/hello"));
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(ServerTest, SeveralNetworkThreadsServeConcurrentClients) {
  ServerOptions options;
  options.network_threads = 2;
  start(options);
  std::vector<std::thread> clients;
  std::atomic<int> ok{0};
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([this, &ok, c] {
      RawClient client(port_);
      for (int i = 0; i < 20; ++i) {
        std::string id = std::to_string(c * 100 + i);
        auto response = client.get("/items/" + id);
        if (response && response->body == "item " + id) ++ok;
      }
    });
  }
  for (auto& t : clients) t.join();
  EXPECT_EQ(ok, 160);
}

TEST(ServerStart, ReportsAnAddressInUse) {
  ServerOptions options;
  options.port = 0;
  Server a(options, {}, nullptr, nullptr, nullptr);
  auto port = a.start();
  ASSERT_TRUE(port.ok());
  options.port = *port;
  Server b(options, {}, nullptr, nullptr, nullptr);
  auto clash = b.start();
  ASSERT_FALSE(clash.ok());
  EXPECT_EQ(clash.error().code, ErrorCode::unavailable);
  EXPECT_NE(clash.error().message.find(std::to_string(*port)), std::string::npos);
}

}  // namespace
}  // namespace hearth
