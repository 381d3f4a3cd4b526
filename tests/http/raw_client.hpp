#pragma once
// A deliberately dumb HTTP/1.1 client over a POSIX socket, for server tests: it sends
// exactly the bytes a test writes, so malformed and hostile requests can be tested too.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::testing {

struct RawResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  std::optional<std::string> header(std::string_view name) const {
    for (const auto& [key, value] : headers) {
      if (key.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < key.size() && same; ++i) {
        same = std::tolower(static_cast<unsigned char>(key[i])) == std::tolower(static_cast<unsigned char>(name[i]));
      }
      if (same) return value;
    }
    return std::nullopt;
  }
};

class RawClient {
 public:
  explicit RawClient(uint16_t port, int timeout_seconds = 5) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    timeval timeout{timeout_seconds, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return connected_; }

  bool send(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
  }

  // Reads one response; nothing when the connection closes or times out first.
  // `head`: the response to a HEAD request has no body whatever its Content-Length.
  std::optional<RawResponse> read_response(bool head = false) {
    std::size_t end;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    RawResponse response;
    std::string head_text = pending_.substr(0, end);
    pending_.erase(0, end + 4);
    std::size_t line_end = head_text.find("\r\n");
    std::string status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    response.status = std::stoi(status_line.substr(9, 3));
    std::size_t at = line_end;
    while (at != std::string::npos && at < head_text.size()) {
      std::size_t next = head_text.find("\r\n", at + 2);
      std::string line = head_text.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
      std::size_t colon = line.find(':');
      if (colon != std::string::npos) {
        std::size_t value_start = line.find_first_not_of(' ', colon + 1);
        response.headers.emplace_back(line.substr(0, colon),
                                      value_start == std::string::npos ? "" : line.substr(value_start));
      }
      at = next;
    }
    std::size_t length = 0;
    if (auto value = response.header("Content-Length")) length = std::stoul(*value);
    if (head || response.status < 200 || response.status == 204 || response.status == 304) length = 0;
    while (pending_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    response.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return response;
  }

  // True when the server closed the connection (EOF or reset) before sending more.
  bool closed_by_server() {
    if (!pending_.empty()) return false;
    char byte;
    ssize_t n = ::recv(fd_, &byte, 1, 0);
    if (n > 0) pending_.push_back(byte);
    return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
  }

  // For a streamed body: what arrives up to and including `marker` (nothing when the
  // connection closes or times out first); the rest stays for the next read.
  std::optional<std::string> read_until(std::string_view marker) {
    std::size_t at;
    while ((at = pending_.find(marker)) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    std::string part = pending_.substr(0, at + marker.size());
    pending_.erase(0, at + marker.size());
    return part;
  }

  // One request, one response: the common case.
  std::optional<RawResponse> get(std::string_view target, std::string_view extra_headers = "") {
    std::string request =
        "GET " + std::string(target) + " HTTP/1.1\r\nHost: test\r\n" + std::string(extra_headers) + "\r\n";
    if (!send(request)) return std::nullopt;
    return read_response();
  }

 private:
  bool fill() {
    char chunk[8192];
    ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n <= 0) return false;
    pending_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }

  int fd_ = -1;
  bool connected_ = false;
  std::string pending_;
};

}  // namespace hearth::testing
