#pragma once
// Server-Sent Events: the text/event-stream format (HTML Living Standard, "Server-sent
// events") that EventSource reads, and the response that starts a stream. The server
// (http/server.cpp) sends such a response without Content-Length and keeps it open; what
// goes into it comes from a BodyStream (core/http_message.hpp).
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/http_message.hpp"

namespace hearth {

// One event: "id: 7\nevent: reply\ndata: {…}\n\n". A line break in `data` starts another
// data line (the client joins them with "\n"); `event` must be a plain word.
std::string sse_event(std::string_view event, std::string_view data, std::optional<int64_t> id = std::nullopt);
// An event with only an id: the client's Last-Event-ID moves on, and nothing is dispatched.
std::string sse_id_only(int64_t id);

// 200 text/event-stream, never cached nor buffered by a proxy (X-Accel-Buffering: no),
// telling the client to reconnect after `retry` if the connection drops.
Response event_stream_response(std::shared_ptr<BodyStream> stream, std::chrono::milliseconds retry);

// Where a client resumes: the Last-Event-ID header of a reconnecting EventSource, else the
// query's `from` (the position a page was rendered at). Nothing when neither is a number ≥ 0.
std::optional<int64_t> resume_position(const Request& request);

}  // namespace hearth
