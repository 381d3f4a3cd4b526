#include "core/event_stream.hpp"

#include <gtest/gtest.h>

namespace hearth {
namespace {

TEST(EventStreamTest, AnEventHasItsIdNameAndData) {
  EXPECT_EQ(sse_event("reply", "{\"post\":\"7\"}", 3), "id: 3\nevent: reply\ndata: {\"post\":\"7\"}\n\n");
  EXPECT_EQ(sse_event("unread", "{}"), "event: unread\ndata: {}\n\n");
}

TEST(EventStreamTest, LineBreaksInDataStartNewDataLinesSoNothingCanForgeAField) {
  EXPECT_EQ(sse_event("x", "a\nid: 99\r\nevent: evil\rb"),
            "event: x\ndata: a\ndata: id: 99\ndata: event: evil\ndata: b\n\n");
}

TEST(EventStreamTest, AnIdAloneMovesTheClientOn) {
  EXPECT_EQ(sse_id_only(42), "id: 42\n\n");
}

TEST(EventStreamTest, TheResponseIsAnUncachedUnbufferedEventStream) {
  struct Quiet : BodyStream {
    void start(std::function<void()>) override {}
    std::optional<std::string> next() override { return std::nullopt; }
  };
  const Response r = event_stream_response(std::make_shared<Quiet>(), std::chrono::milliseconds(5000));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/event-stream; charset=utf-8");
  EXPECT_EQ(r.header("Cache-Control").value_or(""), "no-store");
  EXPECT_EQ(r.header("X-Accel-Buffering").value_or(""), "no");
  EXPECT_EQ(r.body, "retry: 5000\n\n");
  EXPECT_TRUE(r.stream);
}

TEST(EventStreamTest, ResumeFromLastEventIdElseFromTheQuery) {
  Request request;
  EXPECT_FALSE(resume_position(request));
  request.query = "from=12";
  EXPECT_EQ(resume_position(request), 12);
  request.headers.emplace_back("Last-Event-ID", " 40 ");
  EXPECT_EQ(resume_position(request), 40) << "a reconnecting browser knows best";
  request.headers.back().second = "forty";
  EXPECT_EQ(resume_position(request), 12);
  for (const char* bad : {"-1", "1e3", "", "99999999999999999999999", "0x10"}) {
    Request r;
    r.query = std::string("from=") + bad;
    EXPECT_FALSE(resume_position(r)) << bad;
  }
}

}  // namespace
}  // namespace hearth
