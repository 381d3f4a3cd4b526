#pragma once
// The change bus of PostgreSQL nodes: LISTEN/NOTIFY on one channel, over one connection of
// its own per node, run by one thread of its own.
//
//  - publish() queues the change and wakes the thread, which sends it with pg_notify() after
//    the commit that made it (the caller publishes only after Store::write returned).
//    Changes queued while a NOTIFY is on its way go together in the next one, the same
//    change only once; a long queue (a burst of writes while the server was unreachable)
//    becomes one "everything changed". Payloads carry ids only (change_payload.hpp) and
//    the primary's WAL position after the commit (primary_position.hpp).
//  - The same connection LISTENs. This node's own notifications (its token in the payload)
//    are skipped, as the local feed heard of them already; the others go to the subscriber.
//  - A lost connection is replaced, with backoff (0.1 s doubling to 5 s); after it the
//    subscriber gets {everything}, because notifications sent meanwhile are gone. An idle
//    connection is checked every 25 s, so a dead one is noticed without traffic.
#include <memory>
#include <string>

#include "store/change_bus.hpp"
#include "store/postgres/primary_position.hpp"

namespace hearth::postgres {

// Starts its thread at the first publish() or subscribe().
std::unique_ptr<ChangeBus> make_change_bus(std::string url, std::shared_ptr<PrimaryPosition> position);

// The channel every node of one database listens on.
inline constexpr const char* change_channel = "hearth_changes";

}  // namespace hearth::postgres
