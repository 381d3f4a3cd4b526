#pragma once
// How the nodes sharing one database hear of each other's writes. An engine that can have
// several nodes (PostgreSQL: LISTEN/NOTIFY, store/postgres/postgres_change_bus.hpp) gives
// the Store a bus; an embedded one (SQLite: one process) has none, and publishing is then
// a no-op. Callers never ask which: they publish after every commit and subscribe once.
#include <functional>
#include <vector>

#include "store/change_notice.hpp"

namespace hearth {

class ChangeBus {
 public:
  using Subscriber = std::function<void(const std::vector<ChangeNotice>&)>;
  virtual ~ChangeBus() = default;
  // Tells the other nodes, soon and without waiting for them: call it only AFTER the
  // change has committed. Never blocks on the network; never throws.
  virtual void publish(const ChangeNotice& notice) = 0;
  // `subscriber` is called (on the bus's own thread) with the changes other nodes made,
  // never with this node's own. After a lost connection it gets {everything}, since
  // notices may have been missed meanwhile. Call once, before serving.
  virtual void subscribe(Subscriber subscriber) = 0;
  // Sends what is still queued (briefly), then stops. Idempotent.
  virtual void stop() = 0;
};

}  // namespace hearth
