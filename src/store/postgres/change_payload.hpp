#pragma once
// The text of a NOTIFY between nodes: the primary's WAL position after the commit, the
// sending node (a random token per process, so a node can skip its own notifications
// whatever pooler sits in between), then the changes, separated by spaces:
// "0/16B3740 @5f2a9c0e41d7b3a8 t:812:77 g:77 a:5 *". Ids only. PostgreSQL takes payloads
// under 8000 bytes; changes that don't fit go in further payloads.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/change_notice.hpp"

namespace hearth::postgres {

// The changes as payload bodies of at most `limit` bytes each, each starting with "@origin"
// (the WAL position is put in front by the server: see postgres_change_bus.cpp).
std::vector<std::string> encode_changes(std::string_view origin, const std::vector<ChangeNotice>& notices,
                                        std::size_t limit = 7000);

struct DecodedPayload {
  std::optional<uint64_t> lsn;
  std::string origin;  // without the "@"; empty when absent
  std::vector<ChangeNotice> notices;
};
// Reads a payload; anything it does not understand becomes {everything}, which is always
// safe (a reload too many, never a change missed).
DecodedPayload decode_payload(std::string_view payload);

}  // namespace hearth::postgres
