#include "core/event_stream.hpp"

#include <charconv>

#include "core/text.hpp"

namespace hearth {
namespace {

std::optional<int64_t> parse_position(std::string_view text) {
  text = trim(text);
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::string sse_event(std::string_view event, std::string_view data, std::optional<int64_t> id) {
  std::string out;
  out.reserve(event.size() + data.size() + 40);
  if (id) out.append("id: ").append(std::to_string(*id)).append("\n");
  out.append("event: ").append(event).append("\n");
  // Every line of `data` on a line of its own; "\r\n", "\r" and "\n" all end a line.
  std::size_t start = 0;
  while (true) {
    const std::size_t end = data.find_first_of("\r\n", start);
    out.append("data: ").append(data.substr(start, end - start)).append("\n");
    if (end == std::string_view::npos) break;
    start = end + (data[end] == '\r' && end + 1 < data.size() && data[end + 1] == '\n' ? 2 : 1);
  }
  out.append("\n");
  return out;
}

std::string sse_id_only(int64_t id) {
  return "id: " + std::to_string(id) + "\n\n";
}

Response event_stream_response(std::shared_ptr<BodyStream> stream, std::chrono::milliseconds retry) {
  Response response;
  response.content_type = "text/event-stream; charset=utf-8";
  response.headers.emplace_back("Cache-Control", "no-store");
  response.headers.emplace_back("X-Accel-Buffering", "no");
  response.body = "retry: " + std::to_string(retry.count()) + "\n\n";
  response.stream = std::move(stream);
  return response;
}

std::optional<int64_t> resume_position(const Request& request) {
  if (auto header = request.header("Last-Event-ID")) {
    if (auto position = parse_position(*header)) return position;
  }
  if (auto from = request.query_value("from")) return parse_position(*from);
  return std::nullopt;
}

}  // namespace hearth
