#pragma once
// The text of a NOTIFY between nodes: the primary's WAL position after the commit, then the
// changes, separated by spaces: "0/16B3740 t:812:77 g:77 a:5 *". Ids only. PostgreSQL takes
// payloads under 8000 bytes; changes that don't fit go in further payloads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/change_notice.hpp"

namespace hearth::postgres {

// The changes as payload bodies of at most `limit` bytes each (the WAL position is put in
// front by the server: see postgres_change_bus.cpp).
std::vector<std::string> encode_changes(const std::vector<ChangeNotice>& notices, std::size_t limit = 7000);

struct DecodedPayload {
  std::optional<uint64_t> lsn;
  std::vector<ChangeNotice> notices;
};
// Reads a payload; anything it does not understand becomes {everything}, which is always
// safe (a reload too many, never a change missed).
DecodedPayload decode_payload(std::string_view payload);

}  // namespace hearth::postgres
