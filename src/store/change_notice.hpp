#pragma once
// "This changed", as one node tells the others (store/change_bus.hpp). Ids only: each node
// reads what it needs from the shared database, with its own permission checks, so nothing
// about content or people ever travels this way.
#include <cstdint>

namespace hearth {

struct ChangeNotice {
  enum class Kind : uint8_t {
    thread,      // id: a thread; group: its group, or 0 when the writer did not know it
    group,       // id: a group (settings, memberships, bans …)
    account,     // id: an account (what the member has read, followed)
    everything,  // anything may have changed (also: "notices may have been missed")
  };
  Kind kind = Kind::everything;
  int64_t id = 0;
  int64_t group = 0;
  friend bool operator==(const ChangeNotice&, const ChangeNotice&) = default;
};

}  // namespace hearth
