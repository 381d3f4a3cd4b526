#include "store/postgres/change_payload.hpp"

#include <charconv>

#include "store/postgres/primary_position.hpp"

namespace hearth::postgres {
namespace {

std::string encode(const ChangeNotice& n) {
  switch (n.kind) {
    case ChangeNotice::Kind::thread:
      return "t:" + std::to_string(n.id) + ":" + std::to_string(n.group);
    case ChangeNotice::Kind::group:
      return "g:" + std::to_string(n.id);
    case ChangeNotice::Kind::account:
      return "a:" + std::to_string(n.id);
    case ChangeNotice::Kind::everything:
      break;
  }
  return "*";
}

std::optional<int64_t> number(std::string_view text) {
  int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::optional<ChangeNotice> decode(std::string_view item) {
  if (item == "*") return ChangeNotice{};
  if (item.size() < 3 || item[1] != ':') return std::nullopt;
  std::string_view rest = item.substr(2);
  switch (item[0]) {
    case 't': {
      const auto colon = rest.find(':');
      if (colon == std::string_view::npos) return std::nullopt;
      const auto thread = number(rest.substr(0, colon));
      const auto group = number(rest.substr(colon + 1));
      if (!thread || !group) return std::nullopt;
      return ChangeNotice{ChangeNotice::Kind::thread, *thread, *group};
    }
    case 'g':
      if (const auto id = number(rest)) return ChangeNotice{ChangeNotice::Kind::group, *id, 0};
      return std::nullopt;
    case 'a':
      if (const auto id = number(rest)) return ChangeNotice{ChangeNotice::Kind::account, *id, 0};
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

std::vector<std::string> encode_changes(std::string_view origin, const std::vector<ChangeNotice>& notices,
                                        std::size_t limit) {
  const std::string head = "@" + std::string(origin);
  std::vector<std::string> payloads;
  std::string current = head;
  for (const ChangeNotice& notice : notices) {
    const std::string item = encode(notice);
    if (current.size() > head.size() && current.size() + 1 + item.size() > limit) {
      payloads.push_back(std::move(current));
      current = head;
    }
    current += ' ';
    current += item;
  }
  if (current.size() > head.size()) payloads.push_back(std::move(current));
  return payloads;
}

DecodedPayload decode_payload(std::string_view payload) {
  DecodedPayload decoded;
  bool first = true;
  bool understood = true;
  while (!payload.empty()) {
    const auto space = payload.find(' ');
    const std::string_view item = payload.substr(0, space);
    payload = space == std::string_view::npos ? std::string_view() : payload.substr(space + 1);
    if (item.empty()) continue;
    if (first) {
      first = false;
      decoded.lsn = parse_lsn(item);
      if (decoded.lsn) continue;
    }
    if (item[0] == '@') {
      decoded.origin = std::string(item.substr(1));
    } else if (auto notice = decode(item)) {
      decoded.notices.push_back(*notice);
    } else {
      understood = false;
    }
  }
  if (!understood) decoded.notices.push_back(ChangeNotice{});
  return decoded;
}

std::optional<uint64_t> parse_lsn(std::string_view text) {
  const auto slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == text.size()) return std::nullopt;
  uint32_t high = 0;
  uint32_t low = 0;
  const char* begin = text.data();
  const auto [high_end, high_error] = std::from_chars(begin, begin + slash, high, 16);
  const auto [low_end, low_error] = std::from_chars(begin + slash + 1, begin + text.size(), low, 16);
  if (high_error != std::errc() || high_end != begin + slash) return std::nullopt;
  if (low_error != std::errc() || low_end != begin + text.size()) return std::nullopt;
  return (static_cast<uint64_t>(high) << 32) | low;
}

uint64_t end_of_last_record(uint64_t insert_lsn, uint64_t wal_block_size, uint64_t wal_segment_size) {
  constexpr uint64_t short_page_header = 24;  // SizeOfXLogShortPHD
  constexpr uint64_t long_page_header = 40;   // SizeOfXLogLongPHD, a segment's first page
  if (wal_block_size == 0 || wal_segment_size == 0) return insert_lsn;
  const bool first_page_of_segment = insert_lsn % wal_segment_size < wal_block_size;
  const uint64_t header = first_page_of_segment ? long_page_header : short_page_header;
  return insert_lsn % wal_block_size == header ? insert_lsn - header : insert_lsn;
}

}  // namespace hearth::postgres
